import { calendarParts, periodDay, seasonPeriod } from '../core/calendar';
import { hashString } from '../core/random';
import { median } from '../core/stats';
import { covariateCatalog } from '../panel/covariate-catalog';
import type { PreparedSeries } from '../panel/prepare';
import type { CovariateGroup, Frequency } from '../types';

/**
 * Feature layout of the global GBDT candidate (plain JSON, saved with the trees). One row per
 * (series, origin o, step h): everything from the sales history uses only y[i] with i < o; the
 * covariates are read at the target period t = o + h (and t - 1, t + 1 for events), which is the
 * known future by the panel's contract (planned prices, promotions, events, signals).
 * The target is log1p(y[t]) - log1p(level), level = mean sales over the last `levelWindow`
 * periods before o, so one model serves series of any size.
 */
export interface GbdtFeatureSpec {
  frequency: Frequency;
  horizon: number;
  levelWindow: number;
  lags: number;
  shortWindow: number;
  longWindow: number;
  /** Periods back to the same season a year earlier (day 364, week 52, month 12). */
  yearLag: number;
  covariates: { name: string; group: CovariateGroup }[];
  /** Median static price level over the panel (price levels enter as log ratios to it). */
  priceLevelRef: number;
  names: string[];
  width: number;
}

export function buildGbdtSpec(
  series: PreparedSeries[],
  frequency: Frequency,
  horizon: number,
): GbdtFeatureSpec {
  const { covariates, priceLevelRef } = covariateCatalog(series);
  const day = frequency === 'day';
  const week = frequency === 'week';
  const spec: GbdtFeatureSpec = {
    frequency,
    horizon,
    levelWindow: day ? 28 : week ? 13 : 12,
    lags: day ? 14 : week ? 8 : 12,
    shortWindow: day ? 7 : week ? 4 : 3,
    longWindow: day ? 91 : week ? 26 : 24,
    yearLag: day ? 364 : week ? 52 : 12,
    covariates,
    priceLevelRef,
    names: [],
    width: 0,
  };
  spec.names = featureNames(spec);
  spec.width = spec.names.length;
  return spec;
}

export function covariateNames(name: string, group: CovariateGroup): string[] {
  if (group === 'price' || group === 'market')
    return [`${name}/ref`, `${name}/last`];
  if (group === 'promotion')
    return [`${name}@t`, `${name}@o-1`, `${name}:share`];
  return [`${name}@t`, `${name}@t-1`, `${name}@t+1`];
}

function featureNames(s: GbdtFeatureSpec): string[] {
  const out = ['step', 'logLevel'];
  for (let j = 1; j <= s.lags; j++) out.push(`lag${j}`);
  out.push('meanShort', 'meanLong', 'volatility');
  out.push('seasonLag', 'seasonMean4', 'yearAgo', 'historyLength');
  out.push('dayOfWeek', 'dayOfMonth', 'daysToMonthEnd', 'month', 'weekOfYear');
  for (const c of s.covariates) out.push(...covariateNames(c.name, c.group));
  out.push('store', 'category', 'brand', 'priceLevel');
  return out;
}

/** Mean of the valid sales in [from, to) (clipped at 0), NaN when there is none. */
function windowMean(p: PreparedSeries, from: number, to: number): number {
  const { y, valid } = p.clean;
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, from); i < to; i++)
    if (valid[i] === 1) {
      s += y[i];
      c++;
    }
  return c > 0 ? s / c : NaN;
}

/** Series level at an origin: mean sales over the level window (else all history) before it. */
export function gbdtLevel(
  spec: GbdtFeatureSpec,
  p: PreparedSeries,
  origin: number,
): number {
  const m = windowMean(p, origin - spec.levelWindow, origin);
  if (m === m) return m;
  const all = windowMean(p, 0, origin);
  return all === all ? all : 0;
}

const logRel = (v: number, lv: number): number =>
  v === v ? Math.log1p(Math.max(0, v)) - lv : NaN;

/**
 * The origin-dependent part of a row (identical for every step h). Returns log1p(level).
 * Columns: see `featureNames`; the step-dependent columns are left for `writeStepFeatures`.
 */
function writeOriginPart(
  spec: GbdtFeatureSpec,
  p: PreparedSeries,
  origin: number,
  row: Float64Array,
): number {
  const { y, valid } = p.clean;
  const lv = Math.log1p(gbdtLevel(spec, p, origin));
  let k = 1;
  row[k++] = lv;
  for (let j = 1; j <= spec.lags; j++) {
    const i = origin - j;
    row[k++] = i >= 0 && valid[i] === 1 ? logRel(y[i], lv) : NaN;
  }
  row[k++] = logRel(windowMean(p, origin - spec.shortWindow, origin), lv);
  row[k++] = logRel(windowMean(p, origin - spec.longWindow, origin), lv);
  let s = 0;
  let s2 = 0;
  let c = 0;
  for (let i = Math.max(0, origin - spec.levelWindow); i < origin; i++)
    if (valid[i] === 1) {
      const v = Math.log1p(y[i]) - lv;
      s += v;
      s2 += v * v;
      c++;
    }
  row[k++] = c > 1 ? Math.sqrt(Math.max(0, s2 / c - (s / c) ** 2)) : NaN;
  return lv;
}

/**
 * Writes the features of (series, origin, step h = 0..H-1) for every requested step into `out`
 * (row-major, `steps.length` x width, from `offset`). Returns log1p(level) of the origin.
 * Channels of the `neutral` groups are written as if the target period had nothing special: the
 * regular price (ratios 1), the signal at its reference (ratios 1), no promotion, no event. The
 * history-side columns stay (they describe the series, not the target period).
 */
export function writeGbdtRows(
  spec: GbdtFeatureSpec,
  p: PreparedSeries,
  origin: number,
  steps: ArrayLike<number>,
  out: Float64Array,
  offset: number,
  neutral?: ReadonlySet<CovariateGroup>,
): number {
  const W = spec.width;
  const base = new Float64Array(W);
  const lv = writeOriginPart(spec, p, origin, base);
  const { y, valid } = p.clean;
  const m = seasonPeriod(spec.frequency);
  const firstK = 2 + spec.lags + 3; // after step, level, lags, two means, volatility
  const yearLevel = Math.log1p(
    windowMean(
      p,
      origin - spec.yearLag - spec.levelWindow,
      origin - spec.yearLag,
    ),
  );
  const covs = p.input.covariates ?? [];
  const channels = spec.covariates.map((ch) => {
    const cov = covs.find((c) => c.name === ch.name);
    let ref = NaN;
    let last = NaN;
    if (cov && (ch.group === 'price' || ch.group === 'market')) {
      // Price: the regular price = median over the lag window; market: its recent mean.
      const win: number[] = [];
      for (let i = Math.max(0, origin - spec.longWindow); i < origin; i++)
        if (cov.values[i] === cov.values[i]) win.push(cov.values[i]);
      if (win.length) {
        const r =
          ch.group === 'price'
            ? median(win)
            : win.reduce((a, b) => a + b, 0) / win.length;
        ref = Math.abs(r) > 1e-12 ? r : NaN;
      }
      for (let i = origin - 1; i >= 0 && i >= origin - spec.levelWindow; i--)
        if (cov.values[i] === cov.values[i]) {
          last = Math.abs(cov.values[i]) > 1e-12 ? cov.values[i] : NaN;
          break;
        }
    }
    let share = NaN;
    if (cov && ch.group === 'promotion') {
      let s = 0;
      let c = 0;
      for (let i = Math.max(0, origin - spec.levelWindow); i < origin; i++)
        if (cov.values[i] === cov.values[i]) {
          s += cov.values[i];
          c++;
        }
      share = c ? s / c : NaN;
    }
    return {
      group: ch.group,
      values: cov?.values,
      ref,
      last,
      share,
      neutral: neutral?.has(ch.group) ?? false,
    };
  });
  const at = (v: Float64Array | undefined, i: number): number =>
    v && i >= 0 && i < v.length ? v[i] : NaN;
  const attrs = p.input.attributes ?? {};
  const code = (prefix: string, v?: string): number =>
    v === undefined ? NaN : hashString(`${prefix}:${v}`) % 4096;
  const store = code('s', attrs.store);
  const category = code('c', attrs.category);
  const brand = code('b', attrs.brand);
  const pl = attrs.priceLevel;
  const priceLevel =
    pl !== undefined && pl > 0 ? Math.log(pl / spec.priceLevelRef) : NaN;
  for (let r = 0; r < steps.length; r++) {
    const h = steps[r];
    const row = out.subarray(offset + r * W, offset + (r + 1) * W);
    row.set(base);
    row[0] = h + 1;
    const t = origin + h;
    let k = firstK;
    // Same season before the origin: t - k*m for the smallest k that lands before o.
    const k0 = Math.floor(h / m) + 1;
    let sl = NaN;
    let s = 0;
    let c = 0;
    for (let j = k0; j < k0 + 4; j++) {
      const i = t - j * m;
      if (i < 0) break;
      if (valid[i] === 1) {
        if (j === k0) sl = y[i];
        s += Math.log1p(y[i]);
        c++;
      }
    }
    row[k++] = logRel(sl, lv);
    row[k++] = c ? s / c - lv : NaN;
    const ya = t - spec.yearLag;
    row[k++] =
      ya >= 0 && ya < origin && valid[ya] === 1 && yearLevel === yearLevel
        ? Math.log1p(y[ya]) - yearLevel
        : NaN;
    row[k++] = Math.log1p(origin);
    const cal = calendarParts(periodDay(spec.frequency, p.startDay, t));
    row[k++] = spec.frequency === 'day' ? cal.dayOfWeek : NaN;
    row[k++] = spec.frequency === 'month' ? NaN : cal.dayOfMonth;
    row[k++] =
      spec.frequency === 'month' ? NaN : cal.daysInMonth - cal.dayOfMonth;
    row[k++] = cal.month;
    row[k++] = Math.floor(cal.yearFraction * 52.18);
    for (const ch of channels) {
      const v = ch.values;
      if (ch.group === 'price' || ch.group === 'market') {
        const x = at(v, t);
        row[k++] = ch.neutral
          ? 1
          : x === x && ch.ref === ch.ref
            ? x / ch.ref
            : NaN;
        row[k++] = ch.neutral
          ? 1
          : x === x && ch.last === ch.last
            ? x / ch.last
            : NaN;
      } else if (ch.group === 'promotion') {
        row[k++] = ch.neutral ? 0 : at(v, t);
        row[k++] = at(v, origin - 1);
        row[k++] = ch.share;
      } else {
        row[k++] = ch.neutral ? 0 : at(v, t);
        row[k++] = ch.neutral ? 0 : at(v, t - 1);
        row[k++] = ch.neutral ? 0 : at(v, t + 1);
      }
    }
    row[k++] = store;
    row[k++] = category;
    row[k++] = brand;
    row[k++] = priceLevel;
  }
  return lv;
}
