// Reads and checks results.json at the reports' input boundary: a zod schema that follows
// the `Results` type of pipeline/results.ts, so a hand-edited or truncated file fails with
// a message naming the bad field instead of a broken report.
import fs from 'node:fs';
import { z } from 'zod';
import { ReportError } from './errors.js';
import type { Results } from '../pipeline/results.js';

const num = z.number().nullable();

const withheld = z.looseObject({ rule: z.enum(['primary', 'complementary', 'differencing', 'k-anonymity', 'not_estimable']), reason: z.string() }).nullable().optional();

const groupSummary = z.looseObject({
  group: z.string(),
  n: num,
  n_orgs: num,
  mean: num,
  ci_low: num,
  ci_high: num,
  suppressed: z.boolean(),
  withheld,
});

const estimate = z.looseObject({
  id: z.string(),
  label: z.string(),
  population: z.string(),
  n: num,
  n_orgs: num,
  estimate: num,
  ci_low: num,
  ci_high: num,
  p: num,
  method: z.string(),
  confirmatory: z.boolean(),
  suppressed: z.boolean(),
  withheld,
  p_holm: num.optional(),
  note: z.string().nullable().optional(),
  scale: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const trendChange = z.looseObject({
  estimate: num,
  ci_low: num,
  ci_high: num,
  p: num,
  method: z.string(),
  verdict: z.enum(['higher', 'lower', 'about the same']).nullable(),
  withheld,
  df: num.optional(),
});

const trendPoint = z.looseObject({ wave_id: z.string(), estimate: num, ci_low: num, ci_high: num, n: num, n_orgs: num, withheld });

const trends = z.looseObject({
  waves: z.array(
    z.looseObject({
      wave_id: z.string(),
      name: z.string(),
      opens_on: z.string().nullable(),
      k: z.number().int().min(3),
      release_id: z.string().nullable(),
      instrument_versions: z.array(z.string()),
      organizations_reportable: num,
      continuing_organizations: num,
    }),
  ),
  series: z.array(
    z.looseObject({
      id: z.string(),
      label: z.string(),
      kind: z.enum(['confirmatory', 'scale']),
      points: z.array(trendPoint),
      change: trendChange.nullable(),
      change_continuing: trendChange.nullable(),
      not_compared: z.string().nullable(),
      continuing_note: z.string().nullable().optional(),
    }),
  ),
  left_out: z.array(z.looseObject({ wave_id: z.string(), name: z.string(), reason: z.string() })),
});

const organizationTrend = z.looseObject({
  previous_wave_id: z.string(),
  previous_wave_name: z.string(),
  measures: z.array(z.looseObject({ id: z.string(), label: z.string(), previous: num, current: num, change: trendChange })),
});

const orientationType = z.enum(['organizing', 'mobilizing', 'integrated', 'low']);

const organization = z.looseObject({
  code: z.string().min(1),
  respondents: z.number().int().min(0).nullable(),
  reportable: z.boolean(),
  has_profile: z.boolean(),
  poc_led: z.boolean().nullable(),
  orientation_index: num,
  organizing_score: num,
  mobilizing_score: num,
  orientation_type: orientationType.nullable(),
  orientation_percentile: num,
  response_rate: num,
  scales: z.record(z.string(), num),
  bridge: z.record(
    z.string(),
    z.looseObject({
      mean: num,
      counts: z.array(z.number()).nullable(),
      table: z.looseObject({ total: z.number().int().min(0), cells: z.looseObject({ disagree: num, neutral: num, agree: num, no_answer: num }), withheld, no_answer_in: z.literal('neutral').optional() }).nullable().optional(),
    }),
  ),
  separation_rates: z.record(z.string(), z.looseObject({ separations: z.number(), mean_headcount: z.number(), rate: num })),
  self_assessment: z
    .looseObject({ organizing_score: num, mobilizing_score: num, bridge: z.record(z.string(), num) })
    .nullable(),
  suppressed: z.array(z.string()),
  trend: organizationTrend.nullable().optional(),
  trend_note: z.string().nullable().optional(),
  scale_se: z.record(z.string(), num).optional(),
});

export const resultsSchema = z.looseObject({
  study: z.looseObject({
    study_name: z.string(),
    wave_id: z.string(),
    wave_name: z.string(),
    k: z.number().int().min(3),
    thresholds: z.looseObject({ organizing: z.number(), mobilizing: z.number(), integrated_mean: z.number(), tolerance: z.number() }),
    instrument_versions: z.array(z.string()),
  }),
  participation: z.looseObject({
    respondents: num,
    respondents_reportable: num.optional(),
    organizations: z.number(),
    organizations_reportable: z.number(),
    organizations_with_profile: z.number(),
    overall_response_rate: num,
    by_organization: z.array(
      z.looseObject({ code: z.string(), respondents: num, headcount: num, response_rate: num, suppressed: z.boolean() }),
    ),
  }),
  missing: z.looseObject({
    race_missing: num,
    race_declined: num,
    scale_missing: z.record(z.string(), num),
  }),
  measurement: z.array(estimate),
  confirmatory: z.array(estimate),
  exploratory: z.array(estimate),
  series: z.looseObject({
    orientation_map: z.array(
      z.looseObject({ code: z.string(), organizing_score: z.number(), mobilizing_score: z.number(), poc_led: z.boolean().nullable(), orientation_type: orientationType }),
    ),
    outcome_by_type_race: z.array(z.looseObject({ outcome: z.string(), groups: z.array(groupSummary) })),
    separation_rates: z.array(groupSummary),
    survival: z.array(
      z.looseObject({
        group: z.string(),
        n: num,
        events: num,
        suppressed: z.boolean(),
        withheld,
        points: z.array(z.looseObject({ time: z.number(), survival: z.number(), ci_low: num, ci_high: num, at_risk: z.number() })),
      }),
    ),
    roots: z.array(estimate),
  }),
  organizations: z.array(organization),
  trends: trends.nullable().optional(),
  scale_means: z.array(estimate).optional(),
  codebook: z.looseObject({ item_versions: z.record(z.string(), z.string()) }).optional(),
  omissions: z.array(z.looseObject({ what: z.string(), why: z.string(), count: num })),
  disclosure: z.looseObject({
    k: z.number().int().min(3),
    suppressed_estimates: z.number(),
    suppressed: z.array(z.looseObject({ id: z.string(), reason: z.string(), rule: z.enum(['primary', 'complementary', 'differencing', 'k-anonymity']), against: z.string().optional() })),
  }),
  run: z.looseObject({
    rootwork_version: z.string(),
    data_fingerprint: z.string(),
    k: z.number(),
    instrument_versions: z.array(z.string()),
    generated_on: z.string(),
    duration_ms: z.number(),
    synthetic: z.boolean().optional(),
  }),
});

/** Checks parsed JSON against the contract; throws ReportError naming the first bad fields. */
export function parseResults(json: unknown, source = 'results.json'): Results {
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
    const first = issues[0];
    throw new ReportError(
      'invalid_input',
      `${source} does not match the results contract (${first.path}: ${first.message}); rerun \`rootwork pipeline\` to regenerate it.`,
      { issues },
    );
  }
  return parsed.data as unknown as Results;
}

/** Reads and checks DIR/results.json. */
export function readResults(file: string): Results {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ReportError('not_found', `No results file at ${file}: run \`rootwork pipeline --out DIR\` first, or pass the run folder with --run DIR.`);
    }
    throw cause;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ReportError('invalid_input', `${file} is not valid JSON (${(cause as Error).message}); rerun \`rootwork pipeline\` to regenerate it.`, { cause });
  }
  return parseResults(json, file);
}
