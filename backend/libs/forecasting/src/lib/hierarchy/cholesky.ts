/**
 * Dense Cholesky of a small symmetric positive (semi-)definite matrix (row-major, k × k), in a
 * copy. A semi-definite matrix (e.g. a sample covariance with T < n) gets a growing ridge of
 * 1e-12, 1e-10, … × mean diagonal until the factorisation succeeds. O(k³/3).
 */
export function cholesky(a: Float64Array, k: number): Float64Array {
  let meanDiag = 0;
  for (let i = 0; i < k; i++) meanDiag += a[i * k + i];
  meanDiag = k > 0 ? meanDiag / k : 1;
  for (let ridge = 0; ridge < 12; ridge++) {
    const jitter = ridge === 0 ? 0 : meanDiag * 10 ** (-14 + 2 * ridge);
    const l = tryCholesky(a, k, jitter);
    if (l) return l;
  }
  throw new Error('hierarchy: constraint matrix is not positive definite');
}

function tryCholesky(
  a: Float64Array,
  k: number,
  jitter: number,
): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j] + (i === j ? jitter : 0);
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b in place of a copy of b. O(k²). */
export function choleskySolve(
  l: Float64Array,
  k: number,
  b: ArrayLike<number>,
): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * x[p];
    x[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * x[p];
    x[i] = s / l[i * k + i];
  }
  return x;
}
