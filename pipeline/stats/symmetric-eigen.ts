// Eigen-decomposition of small symmetric matrices into buffers the caller reuses: CR2 takes
// one per cluster, and ml-matrix's EigenvalueDecomposition allocated a dozen arrays and
// matrices for each of thousands of organizations per model. This is ml-matrix 6.15.1's
// symmetric path (JAMA's tred2 and tql2: Householder tridiagonalization, then the implicit
// QL algorithm, eigenvalues ascending) with the same operations in the same order on flat
// arrays, so it returns the same bits; tests/pipeline/stats compare the two.

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns of a k × k row-major matrix: vectors[a * k + m] is entry a of vector m. */
  vectors: Float64Array;
}

/** Reusable buffers for matrices of order k. */
export class SymmetricEigenSolver implements SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
  private readonly e: Float64Array;
  /** Working eigenvectors stored transposed (Vt[r * k + c] is V(c, r)), as ml-matrix stores them. */
  private readonly vt: Float64Array;

  constructor(readonly k: number) {
    this.values = new Float64Array(k);
    this.vectors = new Float64Array(k * k);
    this.e = new Float64Array(k);
    this.vt = new Float64Array(k * k);
  }

  /** Decomposes the symmetric k × k row-major matrix `a`; the result is in `values` and `vectors`. */
  solve(a: ArrayLike<number>): SymmetricEigen {
    const n = this.k;
    const V = this.vt;
    // ml-matrix copies the matrix transposed into V (V.set(j, i, value.get(i, j))).
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) V[j * n + i] = a[i * n + j];
    this.e.fill(0);
    this.values.fill(0);
    tred2(n, this.e, this.values, V);
    tql2(n, this.e, this.values, V);
    // Back to the logical layout: vectors[a][m] = V(a, m) = Vt[m][a].
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) this.vectors[i * n + j] = V[j * n + i];
    return this;
  }
}

function hypotenuse(a: number, b: number): number {
  let r = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

// V.get(r, c) in ml-matrix is V[r * n + c] here.
function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let f: number, g: number, h: number, i: number, j: number, k: number, hh: number, scale: number;
  for (j = 0; j < n; j++) d[j] = V[j * n + n - 1];
  for (i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (k = 0; k < i; k++) scale = scale + Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (j = 0; j < i; j++) {
        d[j] = V[j * n + i - 1];
        V[j * n + i] = 0;
        V[i * n + j] = 0;
      }
    } else {
      for (k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      f = d[i - 1];
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (j = 0; j < i; j++) e[j] = 0;
      for (j = 0; j < i; j++) {
        f = d[j];
        V[i * n + j] = f;
        g = e[j] + V[j * n + j] * f;
        for (k = j + 1; k <= i - 1; k++) {
          g += V[j * n + k] * d[k];
          e[k] += V[j * n + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      hh = f / (h + h);
      for (j = 0; j < i; j++) e[j] -= hh * d[j];
      for (j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (k = j; k <= i - 1; k++) V[j * n + k] = V[j * n + k] - (f * e[k] + g * d[k]);
        d[j] = V[j * n + i - 1];
        V[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
  for (i = 0; i < n - 1; i++) {
    V[i * n + n - 1] = V[i * n + i];
    V[i * n + i] = 1;
    h = d[i + 1];
    if (h !== 0) {
      for (k = 0; k <= i; k++) d[k] = V[(i + 1) * n + k] / h;
      for (j = 0; j <= i; j++) {
        g = 0;
        for (k = 0; k <= i; k++) g += V[(i + 1) * n + k] * V[j * n + k];
        for (k = 0; k <= i; k++) V[j * n + k] = V[j * n + k] - g * d[k];
      }
    }
    for (k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
  for (j = 0; j < n; j++) {
    d[j] = V[j * n + n - 1];
    V[j * n + n - 1] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function tql2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  let g: number, h: number, i: number, j: number, k: number, l: number, m: number, p: number, r: number;
  let dl1: number, c: number, c2: number, c3: number, el1: number, s: number, s2: number;
  for (i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        g = d[l];
        p = (d[l + 1] - g) / (2 * e[l]);
        r = hypotenuse(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        dl1 = d[l + 1];
        h = g - d[l];
        for (i = l + 2; i < n; i++) d[i] -= h;
        f = f + h;
        p = d[m];
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1];
        s = 0;
        s2 = 0;
        for (i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypotenuse(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (k = 0; k < n; k++) {
            h = V[(i + 1) * n + k];
            V[(i + 1) * n + k] = s * V[i * n + k] + c * h;
            V[i * n + k] = c * V[i * n + k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] = d[l] + f;
    e[l] = 0;
  }
  for (i = 0; i < n - 1; i++) {
    k = i;
    p = d[i];
    for (j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (j = 0; j < n; j++) {
        p = V[i * n + j];
        V[i * n + j] = V[k * n + j];
        V[k * n + j] = p;
      }
    }
  }
}
