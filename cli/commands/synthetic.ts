// rootwork synthetic: seed a synthetic study with planted effects, over one wave or several
// (--waves N: the same organizations, new staff each wave, planted wave-to-wave changes).
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeSyntheticWaves } from '../../data/synthetic/waves.js';
import { DEFAULT_EFFECTS, NO_EFFECTS, PLANTED_WAVE_CHANGE } from '../../data/synthetic/params.js';
import { intFlag, kFlag, parse, rangeFlag, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { progressReporter } from '../progress.js';
import { usage } from '../usage/synthetic.js';

export const syntheticCommand: Command = {
  name: 'synthetic',
  usage,
  async run(argv, ctx) {
    const { values } = parse('synthetic', argv, {
      orgs: { type: 'string' }, staff: { type: 'string' }, seed: { type: 'string' }, k: { type: 'string' },
      null: { type: 'boolean' }, name: { type: 'string' }, waves: { type: 'string' }, 'no-change': { type: 'boolean' },
    });
    const orgs = intFlag('synthetic', 'orgs', values.orgs as string | undefined, 40);
    if (orgs < 1) throw new UsageError(`synthetic: --orgs must be at least 1 (got ${orgs}).`);
    const [staffMin, staffMax] = rangeFlag('synthetic', 'staff', values.staff as string | undefined, [3, 30]);
    const seed = intFlag('synthetic', 'seed', values.seed as string | undefined, 1);
    const k = kFlag('synthetic', values.k as string | undefined) ?? 5;
    const waves = intFlag('synthetic', 'waves', values.waves as string | undefined, 1);
    if (waves < 1 || waves > 20) throw new UsageError(`synthetic: --waves must be from 1 to 20 (got ${waves}).`);
    if (values['no-change'] && waves === 1) throw new UsageError('synthetic: --no-change needs --waves 2 or more (one wave has no change to plant).');
    const options = {
      orgs, staffMin, staffMax, seed, k,
      effects: values.null ? NO_EFFECTS : DEFAULT_EFFECTS,
      studyName: (values.name as string | undefined) ?? `Synthetic study (seed ${seed})`,
    };
    const { handle } = await openConfigured(ctx.env);
    try {
      const started = Date.now();
      if (waves > 1) {
        const result = await writeSyntheticWaves(handle.db, options, { waves, shift: values['no-change'] ? { sat: 0, itl: 0 } : PLANTED_WAVE_CHANGE }, {
          onProgress: progressReporter(ctx, { label: 'Writing the waves', unit: 'waves' }),
        });
        const responses = result.waves.reduce((a, w) => a + w.responses, 0);
        ctx.err(`Wrote ${result.organizations} organizations and ${responses} responses over ${waves} waves to ${handle.location} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        ctx.out(JSON.stringify({
          study_id: result.studyId,
          organizations: result.organizations,
          waves: result.waves.map((w) => ({ wave_id: w.waveId, name: w.name, opens_on: w.opensOn, organizations: w.organizations, responses: w.responses, planted_change: w.planted })),
        }));
        return;
      }
      const result = await writeSyntheticStudy(handle.db, options, {
        onProgress: progressReporter(ctx, { label: 'Writing the study', unit: 'organizations' }),
      });
      ctx.err(`Wrote ${result.organizations} organizations, ${result.responses} responses and ${result.profiles} profiles to ${handle.location} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      ctx.out(JSON.stringify({ study_id: result.studyId, wave_id: result.waveId, organizations: result.organizations, responses: result.responses, profiles: result.profiles }));
    } finally {
      await handle.close();
    }
  },
};
