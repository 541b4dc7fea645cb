import { calendarParts, periodDay } from '../core/calendar';
import { hashString } from '../core/random';
import { median } from '../core/stats';
import { covariateCatalog } from '../panel/covariate-catalog';
import type { PreparedSeries } from '../panel/prepare';
import type { CovariateGroup, Frequency } from '../types';

/**
 * Feature layout of the global model; plain JSON so it is saved with the weights. Every feature
 * for an origin o uses only values before o, except covariates, whose known future over the
 * horizon [o, o + H) is an input by design (planned prices, promotions, events, signals).
 */
export interface FeatureSpec {
  frequency: Frequency;
  horizon: number;
  quantiles: number[];
  lagWindow: number;
  covariateLags: number;
  /** Covariate channels in input order (matched by name per series). */
  covariates: { name: string; group: CovariateGroup }[];
  storeBuckets: number;
  categoryBuckets: number;
  /** Median static price level over the panel (price levels enter as log ratios to it). */
  priceLevelRef: number;
  width: number;
}

export type OcclusionGroup = 'seasonality' | CovariateGroup;

export function buildFeatureSpec(
  series: PreparedSeries[],
  frequency: Frequency,
  horizon: number,
  quantiles: number[],
  o: {
    lagWindow: number;
    covariateLags: number;
    storeBuckets: number;
    categoryBuckets: number;
  },
): FeatureSpec {
  const { covariates, priceLevelRef } = covariateCatalog(series);
  const spec: FeatureSpec = {
    frequency,
    horizon,
    quantiles,
    lagWindow: o.lagWindow,
    covariateLags: o.covariateLags,
    covariates,
    storeBuckets: o.storeBuckets,
    categoryBuckets: o.categoryBuckets,
    priceLevelRef,
    width: 0,
  };
  spec.width = featureWidth(spec);
  return spec;
}

function calendarWidth(f: Frequency): number {
  return f === 'day' ? 7 + 2 + 4 : f === 'week' ? 6 : 12 + 2;
}

export function featureWidth(s: FeatureSpec): number {
  return (
    s.lagWindow +
    1 +
    calendarWidth(s.frequency) +
    s.covariates.length * (s.covariateLags + s.horizon) +
    s.storeBuckets +
    2 * s.categoryBuckets +
    1
  );
}

/**
 * Column ranges [from, to) of each occlusion group in a `writeFeatures` row. A group's columns
 * depend only on whether that group is occluded, so a row with any subset occluded equals the full
 * row with these ranges copied from the fully occluded row (the driver attribution relies on it).
 */
export function occlusionColumns(
  spec: FeatureSpec,
): Map<OcclusionGroup, [number, number][]> {
  const L = spec.lagWindow;
  const cw = calendarWidth(spec.frequency);
  const out = new Map<OcclusionGroup, [number, number][]>();
  const add = (g: OcclusionGroup, r: [number, number]): void => {
    const list = out.get(g);
    if (list) list.push(r);
    else out.set(g, [r]);
  };
  add('seasonality', [0, L]);
  // Column L is the log level, which occlusion keeps.
  add('seasonality', [L + 1, L + 1 + cw]);
  const per = spec.covariateLags + spec.horizon;
  spec.covariates.forEach((c, j) => {
    const from = L + 1 + cw + j * per;
    add(c.group, [from, from + per]);
  });
  return out;
}

/** Level used to scale an origin's window: mean of the valid values in the lag window. */
export function originScale(
  p: PreparedSeries,
  origin: number,
  lagWindow: number,
): number {
  const { y, valid } = p.clean;
  let s = 0;
  let c = 0;
  for (let i = Math.max(0, origin - lagWindow); i < origin; i++) {
    if (valid[i] === 1) {
      s += y[i];
      c++;
    }
  }
  const mean = c > 0 ? s / c : 0;
  return mean > 1e-6 ? mean : 1;
}

/**
 * Writes the features of (series, origin) into `row`; `occlude` replaces feature groups by their
 * neutral values (flat history at the level, average calendar, regular price, no promotion,
 * unchanged market signals, no events) for the driver attribution. Returns the scale.
 */
export function writeFeatures(
  spec: FeatureSpec,
  p: PreparedSeries,
  origin: number,
  row: Float32Array,
  occlude?: ReadonlySet<OcclusionGroup>,
): number {
  const L = spec.lagWindow;
  const H = spec.horizon;
  const P = spec.covariateLags;
  const scale = originScale(p, origin, L);
  const flat = occlude?.has('seasonality') ?? false;
  let k = 0;
  const { y } = p.clean;
  for (let i = origin - L; i < origin; i++)
    row[k++] = flat || i < 0 ? 1 : y[i] / scale;
  row[k++] = Math.log1p(scale) / 10;
  // Calendar of the first horizon step; later steps follow from the regular grid.
  const cal = calendarParts(periodDay(spec.frequency, p.startDay, origin));
  const tau = 2 * Math.PI * cal.yearFraction;
  if (spec.frequency === 'day') {
    for (let d = 0; d < 7; d++)
      row[k++] = flat ? 1 / 7 : d === cal.dayOfWeek ? 1 : 0;
    const dm = (2 * Math.PI * (cal.dayOfMonth - 1)) / cal.daysInMonth;
    row[k++] = flat ? 0 : Math.sin(dm);
    row[k++] = flat ? 0 : Math.cos(dm);
    for (let j = 1; j <= 2; j++) {
      row[k++] = flat ? 0 : Math.sin(j * tau);
      row[k++] = flat ? 0 : Math.cos(j * tau);
    }
  } else if (spec.frequency === 'week') {
    for (let j = 1; j <= 3; j++) {
      row[k++] = flat ? 0 : Math.sin(j * tau);
      row[k++] = flat ? 0 : Math.cos(j * tau);
    }
  } else {
    for (let mo = 0; mo < 12; mo++)
      row[k++] = flat ? 1 / 12 : mo === cal.month ? 1 : 0;
    row[k++] = flat ? 0 : Math.sin(tau);
    row[k++] = flat ? 0 : Math.cos(tau);
  }
  const covs = p.input.covariates ?? [];
  for (const ch of spec.covariates) {
    const cov = covs.find((c) => c.name === ch.name);
    const off = occlude?.has(ch.group) ?? false;
    if (!cov || off) {
      for (let j = 0; j < P + H; j++) row[k++] = 0;
      continue;
    }
    const v = cov.values;
    let ref = 1;
    if (ch.group === 'price' || ch.group === 'market') {
      // Reference = median (price: the regular price) or mean (market) over the lag window.
      const win: number[] = [];
      for (let i = Math.max(0, origin - L); i < origin; i++)
        if (v[i] === v[i]) win.push(v[i]);
      if (win.length === 0)
        for (let i = origin; i < origin + H; i++)
          if (v[i] === v[i]) win.push(v[i]);
      const r =
        ch.group === 'price'
          ? median(win)
          : win.reduce((a, b) => a + b, 0) / Math.max(1, win.length);
      ref = Math.abs(r) > 1e-12 ? r : 1;
    }
    for (let i = origin - P; i < origin + H; i++) {
      const x = i >= 0 ? v[i] : NaN;
      let f = 0;
      if (x === x) {
        f =
          ch.group === 'price' || ch.group === 'market'
            ? Math.max(-2, Math.min(2, x / ref - 1))
            : x;
      }
      row[k++] = f;
    }
  }
  const attrs = p.input.attributes ?? {};
  const store =
    attrs.store !== undefined
      ? hashString(`s:${attrs.store}`) % spec.storeBuckets
      : -1;
  for (let b = 0; b < spec.storeBuckets; b++) row[k++] = b === store ? 1 : 0;
  const cat =
    attrs.category !== undefined
      ? hashString(`c:${attrs.category}`) % spec.categoryBuckets
      : -1;
  for (let b = 0; b < spec.categoryBuckets; b++) row[k++] = b === cat ? 1 : 0;
  const brand =
    attrs.brand !== undefined
      ? hashString(`b:${attrs.brand}`) % spec.categoryBuckets
      : -1;
  for (let b = 0; b < spec.categoryBuckets; b++) row[k++] = b === brand ? 1 : 0;
  const pl = attrs.priceLevel;
  row[k++] = pl !== undefined && pl > 0 ? Math.log(pl / spec.priceLevelRef) : 0;
  return scale;
}

/** Scaled targets y[o..o+H)/scale and their mask (1 = valid observation). */
export function writeTargets(
  p: PreparedSeries,
  origin: number,
  horizon: number,
  scale: number,
  target: Float32Array,
  mask: Float32Array,
): number {
  let valid = 0;
  for (let h = 0; h < horizon; h++) {
    const i = origin + h;
    const ok = i < p.n && p.clean.valid[i] === 1;
    target[h] = ok ? p.clean.y[i] / scale : 0;
    mask[h] = ok ? 1 : 0;
    valid += ok ? 1 : 0;
  }
  return valid;
}
