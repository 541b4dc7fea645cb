import type { QuantileForecast } from './types';

/**
 * A demand distribution read directly from quantiles, without fitting a
 * shape: piecewise linear in probability between the given levels (each
 * piece is a uniform), linear below the lowest level down to max(0, the
 * extrapolated value at u = 0), and an exponential tail above the highest
 * level whose scale θ goes through the two highest quantiles,
 * θ = (Q_K − Q_{K−1}) / ln((1 − τ_{K−1}) / (1 − τ_K)).
 * Every expectation below is exact for that distribution.
 */
export interface QuantileDistribution {
  readonly mean: number;
  readonly variance: number;
  /** E[(D − c)⁺]. */
  shortage(c: number): number;
  /** P(D > c). */
  tail(c: number): number;
  /** Q(u) for u in (0, 1). */
  quantile(u: number): number;
  /** The smallest u with Q(u) ≥ y (the level at which the distribution just covers y); 1 past a tail without spread. */
  level(y: number): number;
}

/** Builds the distribution from ascending levels in (0, 1) and their values (made non-decreasing, floored at 0). */
export function quantileDistribution(
  levels: readonly number[],
  values: ArrayLike<number>,
): QuantileDistribution {
  const n = levels.length;
  if (n < 2 || values.length !== n) {
    throw new RangeError(
      `a quantile distribution needs at least 2 levels with one value each, got ${n} levels and ${values.length} values`,
    );
  }
  for (let k = 0; k < n; k++) {
    if (
      !(levels[k] > 0 && levels[k] < 1) ||
      (k > 0 && levels[k] <= levels[k - 1])
    ) {
      throw new RangeError(
        `levels must ascend inside (0, 1), got ${levels.join(', ')}`,
      );
    }
  }
  const q = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = Number.isFinite(values[k]) ? Math.max(0, values[k]) : 0;
    q[k] = k > 0 ? Math.max(q[k - 1], v) : v;
  }
  // Knots (u, x): u = 0, the levels; uniform pieces in between.
  const u = Float64Array.of(0, ...levels);
  const slope0 = (q[1] - q[0]) / (levels[1] - levels[0]);
  const x = Float64Array.of(Math.max(0, q[0] - slope0 * levels[0]), ...q);
  const top = levels[n - 1];
  const tailMass = 1 - top;
  const theta =
    (q[n - 1] - q[n - 2]) / Math.log((1 - levels[n - 2]) / (1 - top));
  const xTop = q[n - 1];

  let mean = tailMass * (xTop + theta);
  let second = tailMass * (xTop * xTop + 2 * xTop * theta + 2 * theta * theta);
  for (let i = 0; i < n; i++) {
    const p = u[i + 1] - u[i];
    mean += (p * (x[i] + x[i + 1])) / 2;
    second += (p * (x[i] ** 2 + x[i] * x[i + 1] + x[i + 1] ** 2)) / 3;
  }

  return {
    mean,
    variance: Math.max(0, second - mean * mean),
    shortage(c) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const a = x[i];
        const b = x[i + 1];
        if (c >= b) continue;
        const p = u[i + 1] - u[i];
        s +=
          c <= a ? p * ((a + b) / 2 - c) : (p * (b - c) ** 2) / (2 * (b - a));
      }
      if (c <= xTop) return s + tailMass * (xTop + theta - c);
      return theta > 0
        ? s + tailMass * theta * Math.exp(-(c - xTop) / theta)
        : s;
    },
    tail(c) {
      let t = 0;
      for (let i = 0; i < n; i++) {
        const a = x[i];
        const b = x[i + 1];
        if (c >= b) continue;
        const p = u[i + 1] - u[i];
        t += c < a ? p : (p * (b - c)) / (b - a);
      }
      if (c < xTop) return t + tailMass;
      return theta > 0 ? t + tailMass * Math.exp(-(c - xTop) / theta) : t;
    },
    quantile(level) {
      if (level >= top) {
        return xTop + theta * Math.log(tailMass / Math.max(1e-300, 1 - level));
      }
      let i = 0;
      while (u[i + 1] < level) i++;
      const w = (level - u[i]) / (u[i + 1] - u[i]);
      return x[i] * (1 - w) + x[i + 1] * w;
    },
    level(y) {
      if (y <= x[0]) return 0;
      for (let i = 0; i < n; i++) {
        if (y <= x[i + 1]) {
          const rise = x[i + 1] - x[i];
          return u[i] + ((y - x[i]) / rise) * (u[i + 1] - u[i]);
        }
      }
      return theta > 0 ? 1 - tailMass * Math.exp(-(y - xTop) / theta) : 1;
    },
  };
}

/** Equiprobable atoms per period when independent periods are added up. */
const SUM_ATOMS = 128;

/**
 * Distribution of a sum of independent periods. One period is returned as is;
 * more are discretised into SUM_ATOMS equiprobable atoms each, convolved, and
 * the sorted sums are averaged in SUM_ATOMS blocks (means are kept), which
 * are then read as quantiles at the block midpoints.
 */
export function sumOfPeriods(
  periods: readonly QuantileDistribution[],
): QuantileDistribution {
  if (periods.length === 0) {
    throw new RangeError('sumOfPeriods needs at least one period');
  }
  if (periods.length === 1) return periods[0];
  const atomsOf = (d: QuantileDistribution): Float64Array =>
    Float64Array.from({ length: SUM_ATOMS }, (_, i) =>
      d.quantile((i + 0.5) / SUM_ATOMS),
    );
  let acc = atomsOf(periods[0]);
  for (let p = 1; p < periods.length; p++) {
    const sums = sortedSums(acc, atomsOf(periods[p]));
    acc = new Float64Array(SUM_ATOMS);
    for (let b = 0; b < SUM_ATOMS; b++) {
      let s = 0;
      for (let j = 0; j < SUM_ATOMS; j++) s += sums[b * SUM_ATOMS + j];
      acc[b] = s / SUM_ATOMS;
    }
  }
  const levels = Array.from(
    { length: SUM_ATOMS },
    (_, i) => (i + 0.5) / SUM_ATOMS,
  );
  return quantileDistribution(levels, acc);
}

/** Scratch of {@link sortedSums}: reused, as the policy convolves thousands of times per line replayed. */
const sumBuffers = [
  new Float64Array(SUM_ATOMS * SUM_ATOMS),
  new Float64Array(SUM_ATOMS * SUM_ATOMS),
];

/**
 * Every a[i] + b[j], ascending (valid until the next call). Atoms are read at ascending levels,
 * so each row a[i] + b[·] is already sorted when b is: the rows are merged pairwise (log₂ of
 * SUM_ATOMS passes) instead of sorting all the sums — the same array, a few times faster, which
 * is most of the cost of a lost-sales decision read from quantiles. Unsorted b falls back to a sort.
 */
function sortedSums(a: Float64Array, b: Float64Array): Float64Array {
  const n = a.length;
  const total = n * b.length;
  let from = sumBuffers[0];
  let to = sumBuffers[1];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < b.length; j++) from[i * b.length + j] = a[i] + b[j];
  let sorted = true;
  for (let j = 1; j < b.length && sorted; j++) sorted = b[j - 1] <= b[j];
  if (!sorted) return from.sort();
  for (let width = b.length; width < total; width *= 2) {
    for (let lo = 0; lo < total; lo += 2 * width) {
      const mid = Math.min(lo + width, total);
      const hi = Math.min(lo + 2 * width, total);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const x = from[i];
        const y = from[j];
        if (y < x) {
          to[k++] = y;
          j++;
        } else {
          to[k++] = x;
          i++;
        }
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * Demand of periods [0, split) and [split, end) of a forecast, each as a sum of independent
 * periods read from the quantiles (periods past the horizon repeat the last); the first is null
 * when split is 0.
 */
export function quantileWindows(
  forecast: QuantileForecast,
  split: number,
  end: number,
): { leadTime: QuantileDistribution | null; review: QuantileDistribution } {
  const horizon = forecast.values[0]?.length ?? 0;
  if (horizon === 0) throw new RangeError('forecast has no periods');
  const period = (t: number): QuantileDistribution => {
    const src = Math.min(t, horizon - 1);
    return quantileDistribution(
      forecast.levels,
      forecast.values.map((v) => v[src]),
    );
  };
  const range = (from: number, to: number): QuantileDistribution[] =>
    Array.from({ length: to - from }, (_, i) => period(from + i));
  return {
    leadTime: split > 0 ? sumOfPeriods(range(0, split)) : null,
    review: sumOfPeriods(range(split, end)),
  };
}
