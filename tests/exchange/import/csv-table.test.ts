import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../../exchange/import/csv-table.js';
import { InvalidInputError } from '../../../data/errors.js';

describe('readCsvTable', () => {
  it('refuses a NUL character (PostgreSQL cannot store it) naming the row', () => {
    const spec = { what: 'organizations', required: ['name'] } as const;
    expect(() => readCsvTable('name\nfine\nbad\u0000name\n', spec)).toThrow(InvalidInputError);
    expect(() => readCsvTable('name\nfine\nbad\u0000name\n', spec)).toThrow(/row 3: contains a NUL character/);
    expect(readCsvTable('name\nfine\n', spec)).toHaveLength(1);
  });
});
