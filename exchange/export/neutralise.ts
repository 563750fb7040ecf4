// Formula-injection defence for every CSV Rootwork writes: a text cell that a spreadsheet
// would run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading
// single quote. Only text columns are touched, so a negative number stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function needsNeutralising(value: string): boolean {
  return FORMULA_START.test(value);
}
