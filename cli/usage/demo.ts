// `rootwork demo --help`: kept apart from the command so that printing it loads nothing else.
export const usage = `Usage: rootwork demo [--port N] [--no-serve]

On DATABASE_URL (default data/rootwork.db): migrates, seeds a synthetic demo study when
there is none, and serves on http://localhost:PORT, printing a survey link and the other
links to try. --no-serve prepares everything and exits.`;
