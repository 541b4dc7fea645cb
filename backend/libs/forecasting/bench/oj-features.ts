/**
 * Feature rows for a gradient-boosted-trees model on the Dominick's orange-juice panel (TSPerf
 * protocol). A row is (series, origin week o, horizon h): its target is log(units) at week
 * t = o + h minus the series' level at o. Sales features read only weeks <= o; price, deal and
 * feature read weeks <= t (TSPerf supplies them for the forecast weeks as auxiliary data).
 */
import { join } from 'path';
import { readLines, unquote } from './csv';
import { loadOjRows, sharedDataDir } from './data';

export const FIRST_WEEK = 40;
export const LAST_WEEK = 160;
const W = LAST_WEEK - FIRST_WEEK + 1;
const BRANDS = 11;

export interface OjSeries {
  id: string;
  store: number;
  brand: number;
  /** Dense by week - FIRST_WEEK; NaN where the week has no row. */
  units: Float64Array;
  price: Float64Array;
  deal: Float64Array;
  feat: Float64Array;
  firstWeek: number;
}

export interface OjData {
  series: OjSeries[];
  /** store -> W x 11 prices of all brands (NaN where missing). */
  storePrices: Map<number, Float64Array>;
  demographics: Map<number, Float64Array>;
}

function readCsv(file: string): string[][] {
  return readLines(join(sharedDataDir(), 'dominicks_oj', file))
    .slice(1)
    .map((l) => l.split(',').map(unquote));
}

export function loadOjData(): OjData {
  const { series: raw } = loadOjRows();
  const series: OjSeries[] = [];
  for (const [id, rows] of raw) {
    const [store, brand] = id.slice(1).split('-b').map(Number);
    const mk = (): Float64Array => new Float64Array(W).fill(NaN);
    const s: OjSeries = {
      id,
      store,
      brand,
      units: mk(),
      price: mk(),
      deal: mk(),
      feat: mk(),
      firstWeek: Infinity,
    };
    for (const r of rows) {
      const i = r.week - FIRST_WEEK;
      if (i < 0 || i >= W)
        throw new Error(
          `${id}: week ${r.week} outside ${FIRST_WEEK}..${LAST_WEEK}`,
        );
      s.units[i] = r.units;
      s.price[i] = r.price;
      s.deal[i] = r.deal;
      s.feat[i] = r.feat;
      s.firstWeek = Math.min(s.firstWeek, r.week);
    }
    series.push(s);
  }
  const storePrices = new Map<number, Float64Array>();
  readCsv('oj_store_week_prices.csv').forEach((f, row) => {
    const store = +f[0];
    const i = +f[1] - FIRST_WEEK;
    if (!(i >= 0 && i < W) || f.length !== 2 + BRANDS)
      throw new Error(
        `oj_store_week_prices.csv row ${row + 2}: bad week or column count`,
      );
    const p = storePrices.get(store) ?? new Float64Array(W * BRANDS).fill(NaN);
    for (let b = 0; b < BRANDS; b++) p[i * BRANDS + b] = +f[2 + b];
    storePrices.set(store, p);
  });
  const demographics = new Map<number, Float64Array>();
  for (const f of readCsv('oj_store_demographics.csv'))
    demographics.set(+f[0], Float64Array.from(f.slice(1).map(Number)));
  return { series, storePrices, demographics };
}

export const FEATURE_NAMES: string[] = [
  'horizon',
  'store',
  'brand',
  'weekOfYear',
  'level',
  ...Array.from({ length: 8 }, (_, k) => `lag${k}`),
  'ma4',
  'ma8',
  'sd13',
  'yearAgo',
  'logPrice',
  'priceVsRegular',
  'priceVsMax13',
  'priceVsOrigin',
  'deal',
  'feat',
  'dealAtOrigin',
  'featAtOrigin',
  'priceVsCompetitorMean',
  'priceVsCompetitorMin',
  'cheaperBrands',
  ...Array.from({ length: BRANDS }, (_, b) => `price${b + 1}`),
  ...[
    'AGE60',
    'EDUC',
    'ETHNIC',
    'INCOME',
    'HHLARGE',
    'WORKWOM',
    'HVAL150',
    'SSTRDIST',
    'SSTRVOL',
    'CPDIST5',
    'CPWVOL5',
  ],
];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Mean of log(units) over weeks a..b (clipped at FIRST_WEEK), NaN if none observed. */
function meanLog(u: Float64Array, a: number, b: number): number {
  let s = 0;
  let c = 0;
  for (let w = Math.max(a, FIRST_WEEK); w <= b; w++) {
    const v = u[w - FIRST_WEEK];
    if (v > 0) {
      s += Math.log(v);
      c++;
    }
  }
  return c ? s / c : NaN;
}

/**
 * The series' level at origin o: mean log units over the last 13 weeks, else over all weeks <= o.
 * Reads only weeks <= o.
 */
export function levelAt(s: OjSeries, o: number): number {
  const l = meanLog(s.units, o - 12, o);
  return l === l ? l : meanLog(s.units, FIRST_WEEK, o);
}

const at = (a: Float64Array, w: number): number =>
  w >= FIRST_WEEK && w <= LAST_WEEK ? a[w - FIRST_WEEK] : NaN;

/**
 * Writes one feature row into out[offset..offset+FEATURE_COUNT). Units are read only at weeks
 * <= o; covariates only at weeks <= o + h. Returns the level used (NaN = no history: skip).
 */
export function writeFeatures(
  d: OjData,
  s: OjSeries,
  o: number,
  h: number,
  out: Float32Array | Float64Array,
  offset: number,
): number {
  const L = levelAt(s, o);
  if (!(L === L)) return NaN;
  const t = o + h;
  const u = s.units;
  const lu = (w: number): number => {
    const v = w <= o ? at(u, w) : NaN;
    return v > 0 ? Math.log(v) - L : NaN;
  };
  let k = offset;
  out[k++] = h;
  out[k++] = s.store;
  out[k++] = s.brand;
  out[k++] = t % 52;
  out[k++] = L;
  for (let lag = 0; lag < 8; lag++) out[k++] = lu(o - lag);
  out[k++] = meanLog(u, o - 3, o) - L;
  out[k++] = meanLog(u, o - 7, o) - L;
  let ss = 0;
  let c = 0;
  for (let w = o - 12; w <= o; w++) {
    const v = lu(w);
    if (v === v) {
      ss += v * v;
      c++;
    }
  }
  out[k++] = c > 1 ? Math.sqrt(ss / c) : NaN;
  out[k++] = lu(t - 52); // t - 52 <= o since h <= 52
  const sp = d.storePrices.get(s.store);
  const priceAt = (w: number): number => {
    const own = at(s.price, w);
    if (own === own) return own;
    const i = w - FIRST_WEEK;
    return sp && i >= 0 && i < W ? sp[i * BRANDS + s.brand - 1] : NaN;
  };
  const p = priceAt(t);
  let pSum = 0;
  let pMax = -Infinity;
  let pc = 0;
  for (let w = o - 12; w <= o; w++) {
    const v = priceAt(w);
    if (v === v) {
      pSum += v;
      pMax = Math.max(pMax, v);
      pc++;
    }
  }
  out[k++] = Math.log(p);
  out[k++] = pc ? p / (pSum / pc) : NaN;
  out[k++] = pc ? p / pMax : NaN;
  out[k++] = p / priceAt(o);
  out[k++] = at(s.deal, t);
  out[k++] = at(s.feat, t);
  out[k++] = at(s.deal, o);
  out[k++] = at(s.feat, o);
  const ti = t - FIRST_WEEK;
  let cSum = 0;
  let cMin = Infinity;
  let cN = 0;
  let cheaper = 0;
  const all = new Float64Array(BRANDS).fill(NaN);
  if (sp && ti >= 0 && ti < W) {
    for (let b = 0; b < BRANDS; b++) {
      const v = sp[ti * BRANDS + b];
      all[b] = v;
      if (b === s.brand - 1 || !(v === v)) continue;
      cSum += v;
      cMin = Math.min(cMin, v);
      cN++;
      if (v < p) cheaper++;
    }
  }
  out[k++] = cN ? p / (cSum / cN) : NaN;
  out[k++] = cN ? p / cMin : NaN;
  out[k++] = cN ? cheaper : NaN;
  for (let b = 0; b < BRANDS; b++) out[k++] = all[b];
  const dem = d.demographics.get(s.store);
  for (let j = 0; j < 11; j++) out[k++] = dem ? dem[j] : NaN;
  if (k - offset !== FEATURE_COUNT)
    throw new Error(
      `feature row has ${k - offset} values, expected ${FEATURE_COUNT}`,
    );
  return L;
}

export interface FeatureTable {
  x: Float32Array;
  /** Target log(units[t]) - level; NaN for forecast rows. */
  y: Float64Array;
  level: Float64Array;
  /** Actual units at t (NaN if unknown/not scored). */
  actual: Float64Array;
  series: Int32Array;
  origin: Int32Array;
  horizon: Int32Array;
  n: number;
}

/**
 * Training rows: every series, horizon in `horizons` and origin o whose target week
 * o + h <= lastTargetWeek (and >= firstTargetWeek), observed with units > 0.
 */
export function trainingRows(
  d: OjData,
  horizons: number[],
  firstTargetWeek: number,
  lastTargetWeek: number,
  minHistory = 8,
): FeatureTable {
  const keys: [number, number, number][] = [];
  d.series.forEach((s, si) => {
    for (const h of horizons)
      for (
        let t = Math.max(firstTargetWeek, s.firstWeek + minHistory - 1 + h);
        t <= lastTargetWeek;
        t++
      )
        if (at(s.units, t) > 0) keys.push([si, t - h, h]);
  });
  const tab = build(d, keys);
  for (let i = 0; i < tab.n; i++) {
    const t = tab.origin[i] + tab.horizon[i];
    if (t > lastTargetWeek)
      throw new Error(`leakage: training target week ${t} > ${lastTargetWeek}`);
    tab.y[i] = Math.log(tab.actual[i]) - tab.level[i];
  }
  return tab;
}

/** Forecast rows from origin o for every series with history, horizons h. */
export function forecastRows(
  d: OjData,
  o: number,
  horizons: number[],
): FeatureTable {
  const keys: [number, number, number][] = [];
  d.series.forEach((s, si) => {
    if (s.firstWeek <= o) for (const h of horizons) keys.push([si, o, h]);
  });
  return build(d, keys);
}

function build(d: OjData, keys: [number, number, number][]): FeatureTable {
  const n0 = keys.length;
  const x = new Float32Array(n0 * FEATURE_COUNT);
  const level = new Float64Array(n0);
  const actual = new Float64Array(n0);
  const series = new Int32Array(n0);
  const origin = new Int32Array(n0);
  const horizon = new Int32Array(n0);
  let n = 0;
  for (const [si, o, h] of keys) {
    const L = writeFeatures(d, d.series[si], o, h, x, n * FEATURE_COUNT);
    if (!(L === L)) continue;
    level[n] = L;
    actual[n] = at(d.series[si].units, o + h);
    series[n] = si;
    origin[n] = o;
    horizon[n] = h;
    n++;
  }
  return {
    x: x.subarray(0, n * FEATURE_COUNT),
    y: new Float64Array(n).fill(NaN),
    level: level.subarray(0, n),
    actual: actual.subarray(0, n),
    series: series.subarray(0, n),
    origin: origin.subarray(0, n),
    horizon: horizon.subarray(0, n),
    n,
  };
}
