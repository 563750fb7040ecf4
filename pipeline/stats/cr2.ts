// CR2 (Bell–McCaffrey) cluster-robust covariance for OLS with Satterthwaite degrees of
// freedom per coefficient, as R's clubSandwich computes them for an unweighted lm (working
// model: identity): vcovCR(type = "CR2"), coef_test(test = "Satterthwaite") and conf_int.
//
// CR2 scales each cluster's residuals by A_g = (I − H_gg)^(−1/2), the symmetric inverse
// square root; where I − H_gg is singular (an observation with leverage 1, or a cluster that
// alone identifies a coefficient) clubSandwich's generalized power applies: eigenvalues at or
// below 1e-12 map to 0. Nothing here builds an n_g × n_g matrix, so a cluster of thousands
// costs what a cluster of ten does. With M = (X'X)⁻¹ = LLᵀ and Y_g = X_g L, H_gg = Y_g Y_gᵀ,
// and any function of it is f(0)·I + Y_g φ(Y_gᵀY_g) Y_gᵀ with φ(λ) = (f(λ) − f(0))/λ; Y_gᵀY_g =
// Lᵀ S_g L with S_g = X_gᵀX_g is K × K. So every quantity the estimator and the Satterthwaite
// approximation need is a K × K product per cluster:
//   X_gᵀ A_g e_g   = s_g + S_g F_g s_g        (s_g = X_gᵀ e_g, F_g = L φ(C_g) Lᵀ)
//   X_gᵀ A_g X_g   = S_g + S_g F_g S_g
//   X_gᵀ A_g² X_g  = S_g + S_g F2_g S_g       (φ2 from f(λ) = 1 / (1 − λ), generalized)
// The Satterthwaite df for coefficient j follows Pustejovsky & Tipton (2018): with m = M e_j,
// v_g = X_gᵀA_gX_g m, q_g = mᵀ X_gᵀA_g²X_g m and P_gh = δ_gh q_g − v_gᵀ M v_h,
// df = (Σ_g P_gg)² / Σ_g Σ_h P_gh²; the double sum is taken as trace((MZ)²) with Z = Σ v_g v_gᵀ,
// so it costs G · K² rather than G² · K.

import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Coefficient } from './coefficient-table.js';
import { clusterCoefficientTable } from './coefficient-table.js';
import { StatsInputError } from './errors.js';
import type { NumericArray } from './validate.js';

/** Eigenvalues of I − H_gg at or below this are treated as 0, as clubSandwich's matrix_power does. */
const SINGULAR = 1e-12;

export type Cr2Result = {
  vcov: Matrix;
  /**
   * CR2 SEs; t tests and CIs on each coefficient's own Satterthwaite df. null where the
   * clusters leave a coefficient's variance unidentified (see clusterCoefficientTable).
   */
  coefficients: (Coefficient | null)[];
  nClusters: number;
};

/**
 * @param X design columns (intercept included)
 * @param residuals OLS residuals y − Xβ
 * @param xtxInv (X'X)⁻¹
 * @param slots cluster numbers from clusterSlots
 * @param floors per coefficient, the variance at or below which it counts as fitted by one
 *   cluster alone (clusterCoefficientTable)
 */
export function cr2Satterthwaite(
  X: readonly NumericArray[],
  residuals: NumericArray,
  xtxInv: Matrix,
  beta: readonly number[],
  slots: { of: Int32Array; count: number },
  names: readonly string[],
  floors: readonly number[],
  level = 0.95,
): Cr2Result {
  const k = X.length;
  const n = residuals.length;
  const { of, count: g } = slots;
  if (g < 2) throw new StatsInputError(`CR2 standard errors need at least 2 clusters (got ${g})`);
  if (n <= k) throw new StatsInputError(`CR2 needs more observations (${n}) than coefficients (${k})`);
  const kk = k * k;
  // Per cluster: S_g = X_gᵀX_g (upper triangle while summing) and s_g = X_gᵀe_g.
  const S = new Float64Array(g * kk);
  const s = new Float64Array(g * k);
  for (let a = 0; a < k; a++) {
    const ca = X[a];
    for (let i = 0; i < n; i++) s[of[i] * k + a] += ca[i] * residuals[i];
    for (let b = a; b < k; b++) {
      const cb = X[b];
      for (let i = 0; i < n; i++) S[of[i] * kk + a * k + b] += ca[i] * cb[i];
    }
  }
  const M = symmetricFlat(xtxInv);
  const L = choleskyFlat(M, k);

  const meat = new Float64Array(kk);
  const P = new Float64Array(g * kk); // X_gᵀA_gX_g
  const Q = new Float64Array(g * kk); // X_gᵀA_g²X_g
  const Sg = new Float64Array(kk);
  const C = new Float64Array(kk);
  const F = new Float64Array(kk);
  const F2 = new Float64Array(kk);
  const t = new Float64Array(k);
  const tmp = new Float64Array(kk);
  for (let c = 0; c < g; c++) {
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) Sg[a * k + b] = Sg[b * k + a] = S[c * kk + a * k + b];
    }
    // C = Lᵀ S_g L, then F = L φ(C) Lᵀ and F2 = L φ2(C) Lᵀ from C's eigendecomposition.
    congruence(L, Sg, k, C, tmp, true);
    const evd = new EigenvalueDecomposition(Matrix.from1DArray(k, k, C), { assumeSymmetric: true });
    const lambda = evd.realEigenvalues;
    const W = evd.eigenvectorMatrix;
    const phi = lambda.map(phiInverseSqrt);
    const phi2 = lambda.map(phiInverse);
    spectral(W, phi, k, tmp);
    congruence(L, tmp, k, F, C, false);
    spectral(W, phi2, k, tmp);
    congruence(L, tmp, k, F2, C, false);
    // t_g = s_g + S_g F s_g, the cluster's CR2-adjusted score.
    const sOff = c * k;
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let b = 0; b < k; b++) v += F[a * k + b] * s[sOff + b];
      tmp[a] = v;
    }
    for (let a = 0; a < k; a++) {
      let v = s[sOff + a];
      for (let b = 0; b < k; b++) v += Sg[a * k + b] * tmp[b];
      t[a] = v;
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += t[a] * t[b];
    sandwichAdd(Sg, F, k, P, c * kk, tmp);
    sandwichAdd(Sg, F2, k, Q, c * kk, tmp);
  }
  const vcovFlat = multiply(multiply(M, meat, k), M, k);
  const vcov = Matrix.from1DArray(k, k, vcovFlat);

  const dfs = beta.map((_, j) => satterthwaiteDf(M, P, Q, g, k, j));
  const coefficients = clusterCoefficientTable(names, beta, vcov, (j) => {
    const df = dfs[j];
    if (!(df > 0) || !Number.isFinite(df)) {
      throw new StatsInputError(
        `the Satterthwaite degrees of freedom of coefficient ${names[j]} are ${df}; the clusters carry no information about its variance`,
      );
    }
    return { distribution: 't', df };
  }, floors, level);
  return { vcov, coefficients, nClusters: g };
}

/** ((1 − λ)^(−1/2) − 1) / λ, written so it stays accurate as λ → 0; generalized at λ → 1. */
function phiInverseSqrt(lambda: number): number {
  const rest = 1 - lambda;
  if (rest <= SINGULAR) return -1 / lambda;
  const r = Math.sqrt(rest);
  return 1 / (r * (1 + r));
}

/** ((1 − λ)^(−1) − 1) / λ = 1 / (1 − λ); generalized at λ → 1. */
function phiInverse(lambda: number): number {
  const rest = 1 - lambda;
  return rest <= SINGULAR ? -1 / lambda : 1 / rest;
}

function satterthwaiteDf(M: Float64Array, P: Float64Array, Q: Float64Array, g: number, k: number, j: number): number {
  const kk = k * k;
  const m = new Float64Array(k);
  for (let a = 0; a < k; a++) m[a] = M[a * k + j];
  const v = new Float64Array(k);
  const w = new Float64Array(k);
  const Z = new Float64Array(kk);
  let trace = 0; // Σ_g P_gg
  let diagSq = 0; // Σ_g (v_gᵀMv_g)²
  let ownSq = 0; // Σ_g P_gg²
  for (let c = 0; c < g; c++) {
    const off = c * kk;
    let q = 0;
    for (let a = 0; a < k; a++) {
      let pv = 0;
      let qv = 0;
      for (let b = 0; b < k; b++) {
        pv += P[off + a * k + b] * m[b];
        qv += Q[off + a * k + b] * m[b];
      }
      v[a] = pv;
      q += m[a] * qv;
    }
    let vMv = 0;
    for (let a = 0; a < k; a++) {
      let mv = 0;
      for (let b = 0; b < k; b++) mv += M[a * k + b] * v[b];
      w[a] = mv;
      vMv += v[a] * mv;
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) Z[a * k + b] += v[a] * v[b];
    const own = q - vMv;
    trace += own;
    diagSq += vMv * vMv;
    ownSq += own * own;
  }
  // Σ_{g,h} (v_gᵀMv_h)² = trace(MZMZ); the off-diagonal pairs are that minus the diagonal.
  const MZ = multiply(M, Z, k);
  let all = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) all += MZ[a * k + b] * MZ[b * k + a];
  const denominator = Math.max(0, all - diagSq) + ownSq;
  return (trace * trace) / denominator;
}

/** (X'X)⁻¹ as a flat, exactly symmetric array (LU inversion leaves last-bit asymmetry). */
function symmetricFlat(A: Matrix): Float64Array {
  const k = A.rows;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = (A.get(a, b) + A.get(b, a)) / 2;
  return out;
}

function choleskyFlat(M: Float64Array, k: number): Float64Array {
  const chol = new CholeskyDecomposition(Matrix.from1DArray(k, k, M));
  if (!chol.isPositiveDefinite()) {
    throw new StatsInputError("(X'X)⁻¹ is not positive definite, so the design's leverages are not defined");
  }
  return Float64Array.from(chol.lowerTriangularMatrix.to1DArray());
}

/** out = Lᵀ A L when transposeFirst, else L A Lᵀ (all k × k, flat, row-major); work is scratch. */
function congruence(L: Float64Array, A: Float64Array, k: number, out: Float64Array, work: Float64Array, transposeFirst: boolean): void {
  // work = A·L (or A·Lᵀ), then out = Lᵀ·work (or L·work).
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += A[a * k + c] * (transposeFirst ? L[c * k + b] : L[b * k + c]);
      work[a * k + b] = v;
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += (transposeFirst ? L[c * k + a] : L[a * k + c]) * work[c * k + b];
      out[a * k + b] = v;
    }
  }
}

/** out = W diag(values) Wᵀ. */
function spectral(W: Matrix, values: readonly number[], k: number, out: Float64Array): void {
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += W.get(a, c) * values[c] * W.get(b, c);
      out[a * k + b] = out[b * k + a] = v;
    }
  }
}

/** target[off…] = S + S F S. */
function sandwichAdd(Sg: Float64Array, F: Float64Array, k: number, target: Float64Array, off: number, work: Float64Array): void {
  const SF = multiply(Sg, F, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += SF[a * k + c] * Sg[c * k + b];
      work[a * k + b] = v;
    }
  }
  for (let i = 0; i < k * k; i++) target[off + i] = Sg[i] + work[i];
}

function multiply(A: Float64Array, B: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let c = 0; c < k; c++) {
      const v = A[a * k + c];
      if (v === 0) continue;
      for (let b = 0; b < k; b++) out[a * k + b] += v * B[c * k + b];
    }
  }
  return out;
}
