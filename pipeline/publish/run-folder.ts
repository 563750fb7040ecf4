// Reading a pipeline run folder for publishing: the few fields of results.json the checks
// need (zod-checked), and the groups its published numbers rest on (release-groups.json,
// written by the run).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TamperedRunError } from './manifest.js';

export const RELEASE_GROUPS_FILE = 'release-groups.json';

const resultsHead = z.looseObject({
  study: z.looseObject({ wave_id: z.string(), k: z.number().int() }),
  participation: z.looseObject({ respondents: z.number().nullable() }),
  organizations: z.array(z.looseObject({ code: z.string(), respondents: z.number().nullable(), reportable: z.boolean() })),
  disclosure: z.looseObject({ suppressed: z.array(z.looseObject({ id: z.string() })) }),
  run: z.looseObject({
    data_fingerprint: z.string(),
    k: z.number().int(),
    generated_on: z.string(),
    checked_against: z.array(z.string()).optional(),
    synthetic: z.boolean().optional(),
  }),
});

const releaseGroups = z.object({
  wave_id: z.string(),
  k: z.number().int(),
  data_fingerprint: z.string(),
  withheld: z.array(z.string()),
  groups: z.array(z.object({ key: z.string().min(1), n: z.number().int().min(0) })),
});

export type ResultsHead = z.infer<typeof resultsHead>;

export interface RunFolder {
  dir: string;
  /** results.json as written (what the ledger keeps). */
  resultsText: string;
  results: ResultsHead;
  withheld: string[];
  groups: { key: string; n: number }[];
}

export function readRunFolder(dir: string): RunFolder {
  const file = path.join(dir, 'results.json');
  if (!fs.existsSync(file)) throw new TamperedRunError(`${dir} has no results.json: give the folder a pipeline run wrote (rootwork pipeline --out DIR).`);
  const resultsText = fs.readFileSync(file, 'utf8');
  const results = parse(resultsHead, resultsText, file);
  const groupsFile = path.join(dir, RELEASE_GROUPS_FILE);
  if (!fs.existsSync(groupsFile)) throw new TamperedRunError(`${dir} has no ${RELEASE_GROUPS_FILE} (the groups its numbers rest on): rerun the pipeline with this version of Rootwork and publish the new run.`);
  const recorded = parse(releaseGroups, fs.readFileSync(groupsFile, 'utf8'), groupsFile);
  if (recorded.wave_id !== results.study.wave_id || recorded.data_fingerprint !== results.run.data_fingerprint || recorded.k !== results.run.k) {
    throw new TamperedRunError(`${groupsFile} belongs to another run than ${file} (wave, k or data differ): rerun the pipeline and publish the new run.`);
  }
  return { dir, resultsText, results, withheld: recorded.withheld, groups: recorded.groups };
}

function parse<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new TamperedRunError(`${file} is not valid JSON (${(cause as Error).message}): rerun the pipeline.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TamperedRunError(`${file} is not what the pipeline writes (${issue.path.join('.') || '(top)'}: ${issue.message}): rerun the pipeline.`);
  }
  return parsed.data;
}
