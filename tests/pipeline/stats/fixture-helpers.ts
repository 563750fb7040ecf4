// Loads the recorded reference fixtures (tests/fixtures/stats/*.json, produced by the R and
// Python scripts beside them) and compares numbers with a relative tolerance.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Relative tolerance for closed-form results. */
export const CLOSED_FORM = 1e-6;
/** Relative tolerance for iteratively fitted models. */
export const ITERATIVE = 1e-4;

export type FixtureCase<D, E> = { name: string; produced_by: string; data: D; expected: E };
export type Fixture<D, E> = { produced_by: string; notes?: string | null; cases: FixtureCase<D, E>[] };

export function loadFixture<T>(file: string): T {
  const url = new URL(`../../fixtures/stats/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** Asserts |actual − expected| <= rel·|expected| + abs, naming the quantity on failure. */
export function expectClose(actual: number | null, expected: number | null, rel: number, label: string, abs = 1e-12): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  const a = actual as number;
  const ok = Number.isFinite(a) && Math.abs(a - expected) <= rel * Math.abs(expected) + abs;
  expect(ok, `${label}: got ${a}, expected ${expected} (rel tol ${rel})`).toBe(true);
}

export function expectAllClose(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  rel: number,
  label: string,
  abs = 1e-12,
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, rel, `${label}[${i}]`, abs));
}
