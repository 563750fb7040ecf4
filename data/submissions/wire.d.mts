// Types for wire.mjs (plain JavaScript, shared with the SQLite writer thread).
export function frameRecords(records: readonly (readonly string[])[]): string;
export function readRecords(framed: string, width: number, what: string): string[][];
