// Starts the HTTP server for an app and shuts it down gracefully. On close (SIGTERM/SIGINT):
// stop accepting connections; answer every request still arriving on an open keep-alive
// connection with `Connection: close`, so its client reconnects and is refused; close idle
// connections; let in-flight requests finish; and, after a bounded wait, destroy whatever
// connections remain so a stop never hangs until the process manager's SIGKILL.
import type http from 'node:http';
import type { Socket } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface CloseOptions {
  /** How long in-flight requests may take before the remaining connections are destroyed. */
  timeoutMs?: number;
}

export interface RunningServer {
  port: number;
  close(options?: CloseOptions): Promise<void>;
}

const ANSWERING = Symbol('the response this connection is answering');
type AnsweringSocket = Socket & { [ANSWERING]?: http.ServerResponse };

/** Long enough for a queued batch of submissions to commit, short of common stop timeouts (10 s). */
export const DEFAULT_CLOSE_TIMEOUT_MS = 8_000;

export function startServer(app: Hono<any>, port: number, hostname = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: http.Server;
    let draining = false;
    let closing: Promise<void> | undefined;
    // Open connections, each with the response it is answering, if any: at close, a response
    // not yet started is told to end its connection after it is sent. Kept per connection,
    // not as a set of responses: with a long-lived Set that every response entered and left,
    // V8's young-generation collections under load went on copying responses (and what they
    // hold) that had already left it, promoting them to the old generation, where only a full
    // collection frees them. A connection drops its response when the response closes.
    const sockets = new Set<AnsweringSocket>();
    const endConnection = (res: http.ServerResponse) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    };
    const close = (options: CloseOptions = {}): Promise<void> => {
      closing ??= new Promise<void>((res, rej) => {
        draining = true;
        for (const socket of sockets) {
          const answering = socket[ANSWERING];
          if (answering) endConnection(answering);
        }
        const timer = setTimeout(() => server.closeAllConnections(), options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
        server.close((err) => {
          clearTimeout(timer);
          if (err) rej(err);
          else res();
        });
        // Idle keep-alive sockets would otherwise hold close() open until they time out.
        server.closeIdleConnections();
      });
      return closing;
    };
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => resolve({ port: info.port, close })) as http.Server;
    } catch (cause) {
      reject(cause);
      return;
    }
    server.on('connection', (socket: AnsweringSocket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    // Runs before Hono's listener: a response sent with `Connection: close` makes Node end the
    // connection after it instead of keeping it alive for another request.
    server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (draining) {
        endConnection(res);
        return;
      }
      const socket = req.socket as AnsweringSocket;
      socket[ANSWERING] = res;
      res.once('close', () => {
        if (socket[ANSWERING] === res) socket[ANSWERING] = undefined;
      });
    });
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`Port ${port} is already in use: stop the other server or set PORT to a free port.`, { cause: err }));
      else reject(err);
    });
  });
}

/** Closes `server` then runs `cleanup` (flush writers, close the database) on the first SIGTERM or SIGINT. */
export function closeOnSignals(server: RunningServer, cleanup: () => Promise<void>, log: (line: string) => void, options: CloseOptions = {}): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: finishing in-flight requests, then stopping.`);
    try {
      await server.close(options);
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
