// rootwork import responses FILE --wave W [--map MAPPING.json]: load responses
// collected elsewhere. All rows or none; every problem goes to an error report
// (row, column, value, problem) and the first few to stderr.
import path from 'node:path';
import { importResponsesCsv, formatIssue, ImportRejectedError, type RowIssue } from '../../exchange/import/responses-csv.js';
import { loadMapping } from '../../exchange/import/response-mapping.js';
import { CsvWriter } from '../../exchange/export/csv-writer.js';
import type { TableSpec } from '../../exchange/export/table-spec.js';
import { parse, UsageError, type Command } from '../args.js';
import { openConfigured } from '../open.js';
import { resolveWave, waveChoice } from '../wave.js';
import { usage } from '../usage/import.js';

const SHOWN = 20;

const REPORT_SPEC: TableSpec = {
  name: 'import-errors',
  path: 'import-errors.csv',
  title: 'Problems found in an import',
  description: 'One row per problem.',
  fields: [
    { name: 'row', type: 'integer', title: 'Row in the file (header = 1)' },
    { name: 'column', type: 'string', title: 'Column' },
    { name: 'value', type: 'string', title: 'Value found' },
    { name: 'problem', type: 'string', title: 'What is wrong' },
  ],
};

export const importCommand: Command = {
  name: 'import',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse('import', argv, { wave: { type: 'string' }, study: { type: 'string' }, map: { type: 'string' }, errors: { type: 'string' } }, true);
    const [kind, file, ...extra] = positionals;
    if (kind !== 'responses') throw new UsageError(`import: say what to import: \`rootwork import responses FILE --wave W\`${kind ? ` (got "${kind}")` : ''}.`);
    if (!file) throw new UsageError('import: give the CSV file: `rootwork import responses FILE --wave W`.');
    if (extra.length > 0) throw new UsageError(`import: one file at a time (also got ${extra.join(' ')}).`);
    const choice = waveChoice('import', values, { required: true });
    const mapping = values.map ? loadMapping(values.map as string) : undefined;
    const reportFile = (values.errors as string | undefined) ?? `${file}.errors.csv`;

    const { handle } = await openConfigured(ctx.env);
    let report: CsvWriter | null = null;
    let shown = 0;
    const onIssue = (issue: RowIssue) => {
      report ??= new CsvWriter(reportFile, REPORT_SPEC, { bom: false });
      report.write([{ ...issue }]);
      if (shown++ < SHOWN) ctx.err(formatIssue(issue));
    };
    try {
      const wave = await resolveWave(handle.db, choice);
      const started = Date.now();
      const summary = await importResponsesCsv(handle.db, {
        file, waveId: wave.id, mapping, onIssue,
        onProgress: (pass, rows) => ctx.interactive && process.stderr.write(`\r${pass === 'validate' ? 'Checked' : 'Wrote'} ${rows} rows`),
      });
      if (ctx.interactive) process.stderr.write('\n');
      if (summary.ignored.length > 0) ctx.err(`Ignored columns: ${summary.ignored.join(', ')}.`);
      ctx.err(`Imported ${summary.rows} responses from ${path.basename(file)} into wave "${wave.name}" (${wave.id}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      ctx.out(JSON.stringify({ wave_id: wave.id, imported: summary.rows }));
    } catch (err) {
      if (err instanceof ImportRejectedError) {
        if (err.issueCount > SHOWN) ctx.err(`... and ${err.issueCount - SHOWN} more.`);
        throw new ImportRejectedError(err.file, err.badRows, err.issueCount, err.firstIssues.slice(0, 1), `every problem is listed in ${reportFile}`);
      }
      throw err;
    } finally {
      (report as CsvWriter | null)?.close();
      await handle.close();
    }
  },
};
