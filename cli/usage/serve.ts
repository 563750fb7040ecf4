// `rootwork serve --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork serve [--port N] [--host ADDRESS]

Serves Rootwork on http://HOST:PORT (default 127.0.0.1 and PORT or 3000), migrating the
database first. Stops gracefully on SIGTERM or Ctrl-C.`;
