// rootwork synthetic: seed a synthetic study with planted effects.
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { DEFAULT_EFFECTS, NO_EFFECTS } from '../../data/synthetic/params.js';
import { intFlag, kFlag, parse, rangeFlag, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { usage } from '../usage/synthetic.js';

export const syntheticCommand: Command = {
  name: 'synthetic',
  usage,
  async run(argv, ctx) {
    const { values } = parse('synthetic', argv, {
      orgs: { type: 'string' }, staff: { type: 'string' }, seed: { type: 'string' }, k: { type: 'string' },
      null: { type: 'boolean' }, name: { type: 'string' },
    });
    const orgs = intFlag('synthetic', 'orgs', values.orgs as string | undefined, 40);
    if (orgs < 1) throw new UsageError(`synthetic: --orgs must be at least 1 (got ${orgs}).`);
    const [staffMin, staffMax] = rangeFlag('synthetic', 'staff', values.staff as string | undefined, [3, 30]);
    const seed = intFlag('synthetic', 'seed', values.seed as string | undefined, 1);
    const k = kFlag('synthetic', values.k as string | undefined) ?? 5;
    const { handle } = await openConfigured(ctx.env);
    try {
      const started = Date.now();
      const result = await writeSyntheticStudy(handle.db, {
        orgs, staffMin, staffMax, seed, k,
        effects: values.null ? NO_EFFECTS : DEFAULT_EFFECTS,
        studyName: (values.name as string | undefined) ?? `Synthetic study (seed ${seed})`,
      }, {
        onProgress: (done, total) => ctx.interactive && process.stderr.write(`\r${done}/${total} organizations`),
      });
      if (ctx.interactive) process.stderr.write('\n');
      ctx.err(`Wrote ${result.organizations} organizations, ${result.responses} responses and ${result.profiles} profiles to ${handle.location} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      ctx.out(JSON.stringify({ study_id: result.studyId, wave_id: result.waveId, organizations: result.organizations, responses: result.responses, profiles: result.profiles }));
    } finally {
      await handle.close();
    }
  },
};
