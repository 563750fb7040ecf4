// rootwork synthetic: seed a synthetic study with planted effects, over one wave or several
// (--waves N: the same organizations, new staff each wave, planted wave-to-wave changes).
import { writeSyntheticStudy } from '../../data/synthetic/write.js';
import { writeSyntheticWaves } from '../../data/synthetic/waves.js';
import { DEFAULT_EFFECTS, DEFAULT_OPTIONS, DEFAULT_WAVES, NO_EFFECTS, PLANTED_WAVE_CHANGE } from '../../data/synthetic/params.js';
import { intFlag, kFlag, parse, rangeFlag, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { progressReporter } from '../progress.js';

export const syntheticCommand: Command = {
  name: 'synthetic',
  usage: `Usage: rootwork synthetic [--orgs N] [--staff MIN..MAX] [--seed S] [--k K] [--null] [--name NAME]
                         [--waves N] [--no-change]

Writes a whole study into DATABASE_URL: organizations with orientation and leadership,
their profiles (headcounts, hires, separations), and staff responses for every codebook
variable. The same seed gives the same data. Planted effects follow the funder study
(see data/synthetic/params.ts); --null plants none.
  --orgs N          organizations (default 40)
  --staff MIN..MAX  respondents per organization (default 3..30)
  --seed S          random seed (default 1)
  --k K             the waves' minimum group size (default 5)
  --name NAME       study name (default "Synthetic study (seed S)")
  --waves N         waves, one year apart, the last opening on ${DEFAULT_OPTIONS.opensOn} (default 1).
                    The first has the one-wave study's answers;
                    each later one has the same organizations (about ${Math.round(DEFAULT_WAVES.dropRate * 100)}% sit a wave
                    out, ${DEFAULT_WAVES.joinersPerWave} join) with new staff, satisfaction ${PLANTED_WAVE_CHANGE.sat > 0 ? '+' : ''}${PLANTED_WAVE_CHANGE.sat} and intent to leave
                    ${PLANTED_WAVE_CHANGE.itl} points per wave. Every wave but the last is closed.
  --no-change       with --waves: plant no wave-to-wave change`,
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
