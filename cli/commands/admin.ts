// rootwork admin <subcommand>: run a study from a terminal — admin tokens, studies, waves,
// organizations, invites (the CSV of survey links), open and profile links, participation
// and CSV imports. The subcommands themselves live in admin-actions.ts.
import { UsageError, type Command } from '../args.js';
import { ADMIN_ACTIONS } from './admin-actions.js';
import { usage } from '../usage/admin.js';

export const adminCommand: Command = {
  name: 'admin',
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === undefined) throw new UsageError('admin: give a subcommand, e.g. `rootwork admin create-study --name NAME`. See `rootwork admin --help`.');
    const action = ADMIN_ACTIONS[sub];
    if (!action) throw new UsageError(`admin: unknown subcommand "${sub}". Subcommands: ${Object.keys(ADMIN_ACTIONS).join(', ')}. See \`rootwork admin --help\`.`);
    return action(rest, ctx);
  },
};
