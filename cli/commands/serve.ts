// rootwork serve: run the survey service.
import { createApp } from '../../survey/app.js';
import { createSubmissionWriter } from '../../data/submissions/writer.js';
import { bufferedLog } from '../../survey/log-sink.js';
import { closeOnSignals, startServer } from '../../survey/server.js';
import { intFlag, parse, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { usage } from '../usage/serve.js';

export const serveCommand: Command = {
  name: 'serve',
  usage,
  async run(argv, ctx) {
    const { values } = parse('serve', argv, { port: { type: 'string' }, host: { type: 'string' } });
    const { config, handle } = await openConfigured(ctx.env);
    const port = intFlag('serve', 'port', values.port as string | undefined, config.port);
    // Request lines are written once per event-loop turn; startup and shutdown lines at once.
    const requests = bufferedLog((text) => ctx.err(text.slice(0, -1)));
    // One writer for the pages and the API, so their submissions share transactions.
    const writer = createSubmissionWriter(handle.db);
    const app = createApp({ db: handle.db, writer, config, log: requests.log });
    const server = await startServer(app, port, (values.host as string | undefined) ?? '127.0.0.1');
    ctx.err(`Rootwork is serving ${handle.location} on http://localhost:${server.port}`);
    // Connections first (in-flight requests finish), then any queued submissions, then the database.
    closeOnSignals(server, async () => {
      await writer.close();
      await handle.close();
      requests.flush();
    }, (line) => {
      requests.flush();
      ctx.err(line);
    });
    await new Promise(() => {});
  },
};
