// Writes one CSV file for a TableSpec with papaparse: UTF-8, CRLF (RFC 4180), the spec's
// column order, blank for missing, text fields neutralised against formula injection,
// and an optional byte-order mark for Excel. Rows are appended in batches, so a large
// release never has to sit in memory as one string.
import fs from 'node:fs';
import Papa from 'papaparse';
import { neutraliseCell } from './neutralise.js';
import type { TableSpec } from './table-spec.js';

export type Cell = string | number | null | undefined;
export type CsvRow = Readonly<Record<string, Cell>>;

export interface CsvOptions {
  /** Start the file with a UTF-8 byte-order mark so Excel reads it as UTF-8. */
  bom: boolean;
}

export const CSV_NEWLINE = '\r\n';

export class CsvWriter {
  private readonly fd: number;
  private readonly names: string[];
  private readonly text: boolean[];
  private readonly header: string;
  /** Text cells that needed a leading quote. */
  neutralised = 0;
  rows = 0;

  constructor(readonly file: string, readonly spec: TableSpec, options: CsvOptions) {
    this.names = spec.fields.map((f) => f.name);
    this.text = spec.fields.map((f) => f.type === 'string');
    this.fd = fs.openSync(file, 'w');
    this.header = Papa.unparse([this.names], { newline: CSV_NEWLINE }) + CSV_NEWLINE;
    fs.writeSync(this.fd, (options.bom ? '\uFEFF' : '') + this.header);
  }

  write(rows: readonly CsvRow[]): void {
    if (rows.length === 0) return;
    const matrix = rows.map((row) =>
      this.names.map((name, j) => {
        const v = row[name];
        if (v === null || v === undefined) return '';
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) throw new RangeError(`${this.spec.path}: column ${name} got ${v}, which a CSV cannot hold as a number.`);
          return String(v);
        }
        if (!this.text[j]) return v;
        const safe = neutraliseCell(v);
        if (safe !== v) this.neutralised += 1;
        return safe;
      }),
    );
    // quotes: true for text would be safer for readers, but papaparse already quotes any
    // cell with a delimiter, quote, CR/LF or leading/trailing space; numbers stay bare.
    fs.writeSync(this.fd, Papa.unparse(matrix, { newline: CSV_NEWLINE, header: false }) + CSV_NEWLINE);
    this.rows += rows.length;
  }

  /**
   * Appends the rows of a finished CSV with the same columns (no byte-order mark), bytes as
   * they are: a file already written once need not be computed again.
   */
  appendRowsOf(file: string, rows: number): void {
    const skip = Buffer.byteLength(this.header);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      const head = fs.readSync(fd, buf, 0, skip, 0);
      if (head !== skip || buf.toString('utf8', 0, skip) !== this.header) throw new Error(`${file} does not have the columns of ${this.spec.path}.`);
      for (let pos = skip; ;) {
        const n = fs.readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) break;
        fs.writeSync(this.fd, buf, 0, n);
        pos += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    this.rows += rows;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
