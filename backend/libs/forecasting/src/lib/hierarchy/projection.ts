/**
 * The W-weighted projection onto coherent forecasts (OLS, WLS, MinT) in the constraint form of
 * Wickramasuriya et al.: with y = [a; b] and the aggregation constraints Uᵀy = 0, Uᵀ = [I_k, −A],
 *
 *   ỹ = ŷ − W U (UᵀWU)⁻¹ Uᵀ ŷ,
 *
 * which equals S (SᵀW⁻¹S)⁻¹ SᵀW⁻¹ ŷ but only factorises the k × k matrix G = UᵀWU (k = number of
 * aggregate series), never an m × m or n × n one. W = diag(d) + c·RᵀR with R the T × n residual
 * matrix (c = 0 for OLS/WLS), applied to vectors through R. Costs, with L aggregate levels and
 * nnz(U) = k + m·L: setup O(T·nnz(U) + T·k² + m·L² + k³), memory O(T·n + k²); each reconciled
 * vector O(T·n + nnz(U) + k²).
 */
import { cholesky, choleskySolve } from './cholesky';
import { type Hierarchy, sumUp } from './structure';

export class CoherentProjection {
  private readonly k: number;
  private readonly n: number;
  private readonly T: number;
  /** R·U, constraint-major: constraint j at [j·T, (j+1)·T). */
  private readonly ru: Float64Array;
  private readonly g: Float64Array;
  private readonly chol: Float64Array;

  /**
   * @param d diagonal part of W (length n, positive)
   * @param c weight of the low-rank part c·RᵀR (0 for a diagonal W)
   * @param r residuals, series-major (series i at [i·T, (i+1)·T)), or null
   */
  constructor(
    private readonly h: Hierarchy,
    private readonly d: Float64Array,
    private readonly c: number,
    private readonly r: Float64Array | null,
    T: number,
  ) {
    const k = h.nAgg;
    this.k = k;
    this.n = h.nAgg + h.nBottom;
    this.T = r && c !== 0 ? T : 0;
    const g = new Float64Array(k * k);
    // Diagonal part UᵀDU: aggregate i contributes d_i to G_ii; bottom b contributes d_b to every
    // pair of its parents (U has −1 at (b, parent)).
    for (let i = 0; i < k; i++) g[i * k + i] += d[i];
    for (let b = 0; b < h.nBottom; b++) {
      const db = d[k + b];
      for (let p = h.parentPtr[b]; p < h.parentPtr[b + 1]; p++)
        for (let q = h.parentPtr[b]; q < h.parentPtr[b + 1]; q++)
          g[h.parents[p] * k + h.parents[q]] += db;
    }
    this.ru = new Float64Array(k * this.T);
    if (this.T > 0 && r) {
      const Tn = this.T;
      for (let j = 0; j < k; j++) {
        const row = this.ru.subarray(j * Tn, (j + 1) * Tn);
        for (let t = 0; t < Tn; t++) row[t] = r[j * Tn + t];
        for (let p = h.childPtr[j]; p < h.childPtr[j + 1]; p++) {
          const off = (k + h.children[p]) * Tn;
          for (let t = 0; t < Tn; t++) row[t] -= r[off + t];
        }
      }
      for (let i = 0; i < k; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let t = 0; t < Tn; t++)
            s += this.ru[i * Tn + t] * this.ru[j * Tn + t];
          g[i * k + j] += c * s;
          if (j !== i) g[j * k + i] += c * s;
        }
    }
    this.g = g;
    this.chol = cholesky(g, k);
  }

  /** Reconciles one full vector (length n); the result's aggregates are exact sums of its bottoms. */
  project(y: ArrayLike<number>, nonNegative = false): Float64Array {
    let out = this.solve(y, []);
    if (!nonNegative) return out;
    // Active set: bottoms that come out negative are pinned to zero (extra equality constraints)
    // and the projection is re-solved; repeat until none is negative. Pinned bottoms are never
    // released, so this is the exact W⁻¹-projection with those bottoms fixed at 0, not a full NNLS.
    const pinned: number[] = [];
    const isPinned = new Uint8Array(this.h.nBottom);
    for (let iter = 0; iter < this.h.nBottom; iter++) {
      let added = false;
      for (let b = 0; b < this.h.nBottom; b++)
        if (!isPinned[b] && out[this.k + b] < 0) {
          isPinned[b] = 1;
          pinned.push(b);
          added = true;
        }
      if (!added) break;
      out = this.solve(y, pinned);
    }
    for (let b = 0; b < this.h.nBottom; b++)
      if (out[this.k + b] < 0 || isPinned[b]) out[this.k + b] = 0;
    return sumUp(this.h, out);
  }

  private solve(y: ArrayLike<number>, pinned: number[]): Float64Array {
    const { h, k, n, T, d, c, r } = this;
    const p = pinned.length;
    const rhs = new Float64Array(k + p);
    for (let j = 0; j < k; j++) {
      let s = y[j];
      for (let q = h.childPtr[j]; q < h.childPtr[j + 1]; q++)
        s -= y[k + h.children[q]];
      rhs[j] = s;
    }
    for (let a = 0; a < p; a++) rhs[k + a] = y[k + pinned[a]];
    let x: Float64Array;
    if (p === 0) x = choleskySolve(this.chol, k, rhs);
    else x = choleskySolve(cholesky(this.augmented(pinned), k + p), k + p, rhs);
    // v = U x (plus the pinned unit columns), then ỹ = y − W v.
    const v = new Float64Array(n);
    for (let j = 0; j < k; j++) v[j] = x[j];
    for (let b = 0; b < h.nBottom; b++) {
      let s = 0;
      for (let q = h.parentPtr[b]; q < h.parentPtr[b + 1]; q++)
        s -= x[h.parents[q]];
      v[k + b] = s;
    }
    for (let a = 0; a < p; a++) v[k + pinned[a]] += x[k + a];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = y[i] - d[i] * v[i];
    if (T > 0 && r) {
      const rv = new Float64Array(T);
      for (let i = 0; i < n; i++) {
        const vi = v[i];
        if (vi === 0) continue;
        for (let t = 0; t < T; t++) rv[t] += r[i * T + t] * vi;
      }
      for (let i = k; i < n; i++) {
        let s = 0;
        for (let t = 0; t < T; t++) s += r[i * T + t] * rv[t];
        out[i] -= c * s;
      }
    }
    return sumUp(h, out);
  }

  /** [G, B; Bᵀ, E] for the pinned bottoms: B = UᵀW e_b, E = W restricted to the pinned bottoms. */
  private augmented(pinned: number[]): Float64Array {
    const { h, k, T, d, c, r } = this;
    const p = pinned.length;
    const K = k + p;
    const a = new Float64Array(K * K);
    for (let i = 0; i < k; i++)
      a.set(this.g.subarray(i * k, (i + 1) * k), i * K);
    for (let s = 0; s < p; s++) {
      const b = pinned[s];
      const col = k + s;
      for (let q = h.parentPtr[b]; q < h.parentPtr[b + 1]; q++) {
        const j = h.parents[q];
        a[j * K + col] -= d[k + b];
      }
      if (T > 0 && r) {
        const rb = (k + b) * T;
        for (let j = 0; j < k; j++) {
          let dot = 0;
          for (let t = 0; t < T; t++) dot += this.ru[j * T + t] * r[rb + t];
          a[j * K + col] += c * dot;
        }
        for (let s2 = 0; s2 <= s; s2++) {
          const rb2 = (k + pinned[s2]) * T;
          let dot = 0;
          for (let t = 0; t < T; t++) dot += r[rb + t] * r[rb2 + t];
          a[(k + s2) * K + col] += c * dot;
          if (s2 !== s) a[col * K + k + s2] += c * dot;
        }
      }
      a[col * K + col] += d[k + b];
      for (let j = 0; j < k; j++) a[col * K + j] = a[j * K + col];
    }
    return a;
  }
}
