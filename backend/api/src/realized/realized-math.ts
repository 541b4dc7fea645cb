/** Pure helpers of realized accuracy: buckets, weeks, sums and the metrics computed from them. */

/** Days ahead, for daily (and monthly) series. */
export const DAY_BUCKETS = ['1-7', '8-14', '15-28', '29+'] as const;
/** Weeks ahead, for weekly series: their points are week totals, kept apart from daily ones. */
export const WEEK_BUCKETS = ['1w', '2w', '3-4w', '5w+'] as const;
export const HORIZON_BUCKETS = [...DAY_BUCKETS, ...WEEK_BUCKETS] as const;
export type HorizonBucket = (typeof HORIZON_BUCKETS)[number];

export const REALIZED_LEVELS = [
  'series',
  'category_store',
  'store',
  'category',
  'chain',
] as const;
export type RealizedLevel = (typeof REALIZED_LEVELS)[number];

/**
 * Days ahead of the origin → horizon bucket: 1–7, 8–14, 15–28 days and beyond; for a weekly
 * series (`grain` 'week') the weeks ahead, the target week starting `step` days after the origin:
 * 1, 2, 3–4 weeks and beyond.
 */
export function horizonBucket(
  step: number,
  grain: string | null = 'day',
): HorizonBucket {
  if (grain === 'week') {
    const weeks = Math.ceil(step / 7);
    if (weeks <= 1) return '1w';
    if (weeks <= 2) return '2w';
    if (weeks <= 4) return '3-4w';
    return '5w+';
  }
  if (step <= 7) return '1-7';
  if (step <= 14) return '8-14';
  if (step <= 28) return '15-28';
  return '29+';
}

/** Monday of the ISO week of a yyyy-mm-dd day. */
export function weekOf(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

/** The additive sums one scope accumulates; every metric is a ratio of them. */
export interface ErrorSums {
  n: number;
  absError: number;
  error: number;
  actual: number;
  scaledError: number;
  scaledN: number;
  hits: number;
}

export const emptySums = (): ErrorSums => ({
  n: 0,
  absError: 0,
  error: 0,
  actual: 0,
  scaledError: 0,
  scaledN: 0,
  hits: 0,
});

/** Adds one forecast point (P50 against the actual; scale null when the series has none). */
export function addPoint(
  s: ErrorSums,
  p: { p10: number; p50: number; p90: number; actual: number },
  scale: number | null,
): void {
  const e = p.p50 - p.actual;
  s.n += 1;
  s.absError += Math.abs(e);
  s.error += e;
  s.actual += p.actual;
  if (scale !== null && scale > 0) {
    s.scaledError += Math.abs(e) / scale;
    s.scaledN += 1;
  }
  if (p.actual >= p.p10 && p.actual <= p.p90) s.hits += 1;
}

export function addSums(into: ErrorSums, s: ErrorSums): void {
  into.n += s.n;
  into.absError += s.absError;
  into.error += s.error;
  into.actual += s.actual;
  into.scaledError += s.scaledError;
  into.scaledN += s.scaledN;
  into.hits += s.hits;
}

export interface RealizedMetrics {
  /** Σ|e| / Σ actual; null without actual volume. */
  wape: number | null;
  /** Σ(forecast − actual) / Σ actual: positive when over-forecasting. */
  bias: number | null;
  /** Mean |e| / in-sample seasonal-naive MAE. */
  mase: number | null;
  /** Share of actuals inside P10–P90. */
  coverage: number | null;
}

export function metricsOf(s: ErrorSums): RealizedMetrics {
  return {
    wape: s.actual > 0 ? s.absError / s.actual : null,
    bias: s.actual > 0 ? s.error / s.actual : null,
    mase: s.scaledN > 0 ? s.scaledError / s.scaledN : null,
    coverage: s.n > 0 ? s.hits / s.n : null,
  };
}
