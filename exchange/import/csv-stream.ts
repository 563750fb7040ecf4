// Streams the records of a CSV file with papaparse in bounded memory: sniffs the
// delimiter (comma, semicolon, tab) and line ending from the first 64 KiB, drops a
// byte-order mark, and yields each record with its row number (header = row 1).
import fs from 'node:fs';
import Papa from 'papaparse';
import { InvalidInputError } from '../../data/errors.js';

export interface CsvDialect {
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
}

export interface CsvRecord {
  row: number;
  cells: string[];
}

const SAMPLE_BYTES = 64 * 1024;

export function sniffCsv(file: string): CsvDialect {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (cause) {
    throw new InvalidInputError(`Cannot read ${file}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}.`, [{ path: 'file', message: 'unreadable' }]);
  }
  const buf = Buffer.alloc(SAMPLE_BYTES);
  let bytes: number;
  try {
    bytes = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (bytes === 0) throw new InvalidInputError(`${file} is empty: it needs a header row and at least one response.`, [{ path: 'file', message: 'empty' }]);
  // Cut at the last complete line so a multi-byte character split by the sample is not misread.
  let sample = buf.subarray(0, bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (bytes === SAMPLE_BYTES) sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), 1));
  if (sample.includes('\uFFFD')) {
    throw new InvalidInputError(`${file} is not UTF-8 text: in Excel use "Save as > CSV UTF-8", or convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8).`, [{ path: 'file', message: 'not UTF-8' }]);
  }
  const guess = Papa.parse<string[]>(sample, { preview: 5, delimitersToGuess: [',', ';', '\t', '|'] });
  const newline = (guess.meta.linebreak === '\r\n' || guess.meta.linebreak === '\r' ? guess.meta.linebreak : '\n') as CsvDialect['newline'];
  return { delimiter: guess.meta.delimiter || ',', newline };
}

/** Every record of the file (blank lines skipped but counted, so row numbers match the file). */
export async function* readCsvRecords(file: string, dialect: CsvDialect): AsyncGenerator<CsvRecord> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: dialect.delimiter, newline: dialect.newline, header: false, skipEmptyLines: false });
  const source = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: SAMPLE_BYTES });
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row === 1 && cells.length > 0) cells[0] = cells[0].replace(/^\uFEFF/, '');
      if (cells.length === 1 && cells[0] === '') continue;
      yield { row, cells };
    }
  } finally {
    // A consumer that stops early (a bad header) must not leave the file open.
    source.destroy();
  }
}
