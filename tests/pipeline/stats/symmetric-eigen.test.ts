// CR2 decomposes one small symmetric matrix per cluster with SymmetricEigenSolver, a port of
// ml-matrix's symmetric path onto reused buffers; the pipeline's numbers may not move by a
// bit, so its eigenvalues and eigenvectors must be exactly ml-matrix's.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { SymmetricEigenSolver } from '../../../pipeline/stats/symmetric-eigen.js';

/** A deterministic pseudo-random symmetric matrix, optionally of lower rank (Gram of r vectors). */
function symmetric(k: number, seed: number, rank = k): number[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const B = Array.from({ length: k * rank }, next);
  const out = new Array<number>(k * k).fill(0);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let r = 0; r < rank; r++) out[a * k + b] += B[a * rank + r] * B[b * rank + r];
  return out;
}

function expectSameAsMlMatrix(k: number, a: number[], solver = new SymmetricEigenSolver(k)): void {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(k, k, a), { assumeSymmetric: true });
  const got = solver.solve(a);
  expect(Array.from(got.values)).toEqual(evd.realEigenvalues);
  expect(Array.from(got.vectors)).toEqual(evd.eigenvectorMatrix.to1DArray());
}

describe('SymmetricEigenSolver', () => {
  it('gives ml-matrix bit for bit on full-rank, rank-deficient, diagonal and zero matrices', () => {
    for (const k of [1, 2, 3, 5, 9]) {
      for (let seed = 1; seed <= 20; seed++) expectSameAsMlMatrix(k, symmetric(k, seed));
      expectSameAsMlMatrix(k, symmetric(k, 99, Math.max(1, k - 2)));
      expectSameAsMlMatrix(k, Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? (i + 1) / 7 : 0)));
      expectSameAsMlMatrix(k, new Array<number>(k * k).fill(0));
    }
  });

  it('leaves nothing of one matrix in the next when its buffers are reused', () => {
    const solver = new SymmetricEigenSolver(4);
    for (let seed = 1; seed <= 30; seed++) expectSameAsMlMatrix(4, symmetric(4, seed, 1 + (seed % 4)), solver);
  });
});
