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

import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Coefficient } from './coefficient-table.js';
import { clusterCoefficientTable } from './coefficient-table.js';
import { StatsInputError } from './errors.js';
import { SymmetricEigenSolver } from './symmetric-eigen.js';

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
 * @param S the clusters' X_gᵀX_g blocks (clusterCrossProducts)
 * @param s the clusters' X_gᵀe_g with e the OLS residuals (clusterScoreSums)
 * @param g number of clusters
 * @param n number of observations
 * @param xtxInv (X'X)⁻¹
 * @param floors per coefficient, the variance at or below which it counts as fitted by one
 *   cluster alone (clusterCoefficientTable)
 */
export function cr2Satterthwaite(
  S: Float64Array,
  s: Float64Array,
  g: number,
  n: number,
  xtxInv: Matrix,
  beta: readonly number[],
  names: readonly string[],
  floors: readonly number[],
  level = 0.95,
): Cr2Result {
  const k = xtxInv.rows;
  if (g < 2) throw new StatsInputError(`CR2 standard errors need at least 2 clusters (got ${g})`);
  if (n <= k) throw new StatsInputError(`CR2 needs more observations (${n}) than coefficients (${k})`);
  const kk = k * k;
  const M = symmetricFlat(xtxInv);
  const L = choleskyFlat(M, k);

  const meat = new Float64Array(kk);
  const P = new Float64Array(g * kk); // X_gᵀA_gX_g
  const Q = new Float64Array(g * kk); // X_gᵀA_g²X_g
  const Sg = new Float64Array(kk);
  const B = new Float64Array(kk); // S_g L
  const C = new Float64Array(kk); // Lᵀ S_g L
  const BW = new Float64Array(kk); // S_g L W, W the eigenvectors of C
  const phi = new Float64Array(k);
  const phi2 = new Float64Array(k);
  const ls = new Float64Array(k);
  const t = new Float64Array(k);
  const eigen = new SymmetricEigenSolver(k); // buffers reused by every cluster
  for (let c = 0; c < g; c++) {
    const off = c * kk;
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) Sg[a * k + b] = Sg[b * k + a] = S[off + a * k + b];
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let v = 0;
        for (let m = b; m < k; m++) v += Sg[a * k + m] * L[m * k + b];
        B[a * k + b] = v;
      }
    }
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let v = 0;
        for (let m = a; m < k; m++) v += L[m * k + a] * B[m * k + b];
        C[a * k + b] = C[b * k + a] = v;
      }
    }
    // With C = W Λ Wᵀ: S_g F S_g = (BW) φ(Λ) (BW)ᵀ and S_g F s_g = (BW) φ(Λ) Wᵀ Lᵀ s_g.
    const { values: lambda, vectors: W } = eigen.solve(C);
    for (let m = 0; m < k; m++) {
      phi[m] = phiInverseSqrt(lambda[m]);
      phi2[m] = phiInverse(lambda[m]);
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let v = 0;
        for (let m = 0; m < k; m++) v += B[a * k + m] * W[m * k + b];
        BW[a * k + b] = v;
      }
    }
    const sOff = c * k;
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let m = a; m < k; m++) v += L[m * k + a] * s[sOff + m];
      ls[a] = v;
    }
    for (let m = 0; m < k; m++) {
      let v = 0;
      for (let a = 0; a < k; a++) v += W[a * k + m] * ls[a];
      t[m] = phi[m] * v;
    }
    // The cluster's CR2-adjusted score s_g + (BW) φ Wᵀ Lᵀ s_g, into ls.
    for (let a = 0; a < k; a++) {
      let v = s[sOff + a];
      for (let m = 0; m < k; m++) v += BW[a * k + m] * t[m];
      ls[a] = v;
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += ls[a] * ls[b];
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let vp = 0;
        let vq = 0;
        for (let m = 0; m < k; m++) {
          const w = BW[a * k + m] * BW[b * k + m];
          vp += w * phi[m];
          vq += w * phi2[m];
        }
        P[off + a * k + b] = P[off + b * k + a] = Sg[a * k + b] + vp;
        Q[off + a * k + b] = Q[off + b * k + a] = Sg[a * k + b] + vq;
      }
    }
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
