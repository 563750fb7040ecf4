// Starts the HTTP server for an app and shuts it down gracefully: on SIGTERM/SIGINT it
// stops accepting connections, lets in-flight requests finish, then closes the database.
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export function startServer(app: Hono<any>, port: number, hostname = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((res, rej) => {
              server.close((err) => (err ? rej(err) : res()));
              // Idle keep-alive sockets would hold close() open forever.
              if ('closeIdleConnections' in server) (server as { closeIdleConnections(): void }).closeIdleConnections();
            }),
        });
      });
    } catch (cause) {
      reject(cause);
      return;
    }
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`Port ${port} is already in use: stop the other server or set PORT to a free port.`, { cause: err }));
      else reject(err);
    });
  });
}

/** Closes `server` then runs `cleanup` on the first SIGTERM or SIGINT. */
export function closeOnSignals(server: RunningServer, cleanup: () => Promise<void>, log: (line: string) => void): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: finishing in-flight requests, then stopping.`);
    try {
      await server.close();
      await cleanup();
      process.exit(0);
    } catch (err) {
      log(`error while stopping: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
