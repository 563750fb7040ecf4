// rootwork export: the analyst release of a wave (respondents.csv, organizations.csv,
// results.csv, codebook.csv, datapackage.json, disclosure.json). Runs the pipeline in a
// scratch folder for the estimates, so it works on its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../pipeline/run.js';
import { writeExports } from '../../exchange/export/index.js';
import { kFlag, parse, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { resolveWave, waveChoice } from '../wave.js';

export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: rootwork export --out DIR [--wave W [--study S]] [--k K] [--excel] [--include-comments]

Writes to DIR: respondents.csv (one row per response, k-anonymous over organization
and every quasi-identifier of the codebook — role, race group, gender, age, tenure, fte:
banded, then locally suppressed, monotone in k),
organizations.csv, results.csv (results.json as a table), codebook.csv (names, labels,
English and Spanish wording, values, missing codes, scales), datapackage.json
(Frictionless, typed) and disclosure.json (what was banded and suppressed).
Text cells starting with = + - @ tab or CR get a leading ' in every file.
  --out DIR            folder to write into (created if missing)
  --wave W             the wave, by id or name (default: the most recently created wave)
  --study S            the study (id or name) whose wave W is, when several studies have a wave named W
  --k K                minimum group size; may raise the wave's k, never lower it
  --excel              add a byte-order mark so Excel reads the files as UTF-8
  --include-comments   add comments.csv: free-text comments, with emails, URLs and
                       phone numbers scrubbed, from organizations with at least 10
                       respondents, not linked to any row of respondents.csv`,
  async run(argv, ctx) {
    const { values } = parse('export', argv, {
      out: { type: 'string' }, wave: { type: 'string' }, study: { type: 'string' }, k: { type: 'string' },
      excel: { type: 'boolean' }, 'include-comments': { type: 'boolean' },
    });
    const out = values.out as string | undefined;
    if (!out || out.trim() === '') throw new UsageError('export: --out DIR is required (the folder to write the exports into). See `rootwork export --help`.');
    const k = kFlag('export', values.k as string | undefined);
    const choice = waveChoice('export', values, { required: false });
    const { handle } = await openConfigured(ctx.env);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rootwork-export-'));
    try {
      const waveId = (await resolveWave(handle.db, choice, { verb: 'exporting', location: handle.location, announce: ctx.err })).id;
      // The pipeline's results.json goes to a scratch folder: say nothing about that file.
      const { results } = await runPipeline({ waveId, outDir: scratch, k }, { db: handle.db, log: (line) => line.includes(scratch) || ctx.err(line) });
      const written = await writeExports(handle.db, {
        waveId, outDir: out, results, k: results.study.k,
        excel: values.excel === true, includeComments: values['include-comments'] === true, log: ctx.err,
      });
      for (const file of written.files) ctx.out(file);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
      await handle.close();
    }
  },
};
