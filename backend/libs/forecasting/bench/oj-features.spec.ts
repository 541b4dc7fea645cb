import { seededRandom } from '../src';
import {
  FEATURE_COUNT,
  FEATURE_NAMES,
  FIRST_WEEK,
  forecastRows,
  LAST_WEEK,
  type OjData,
  type OjSeries,
  trainingRows,
  writeFeatures,
} from './oj-features';

const W = LAST_WEEK - FIRST_WEEK + 1;

/** Synthetic panel: 2 stores x 3 brands, random units and prices, a few missing weeks. */
function synthetic(): OjData {
  const rand = seededRandom(3);
  const series: OjSeries[] = [];
  const storePrices = new Map<number, Float64Array>();
  const demographics = new Map<number, Float64Array>();
  for (const store of [2, 5]) {
    const sp = new Float64Array(W * 11);
    for (let i = 0; i < sp.length; i++) sp[i] = 0.02 + 0.04 * rand();
    storePrices.set(store, sp);
    demographics.set(
      store,
      Float64Array.from({ length: 11 }, () => rand()),
    );
    for (const brand of [1, 2, 3]) {
      const s: OjSeries = {
        id: `s${store}-b${brand}`,
        store,
        brand,
        units: new Float64Array(W),
        price: new Float64Array(W),
        deal: new Float64Array(W),
        feat: new Float64Array(W),
        firstWeek: FIRST_WEEK,
      };
      for (let i = 0; i < W; i++) {
        s.units[i] = i % 17 === 5 ? NaN : Math.round(1000 + 5000 * rand());
        s.price[i] = sp[i * 11 + brand - 1];
        s.deal[i] = rand() < 0.2 ? 1 : 0;
        s.feat[i] = rand() < 0.1 ? rand() : 0;
      }
      series.push(s);
    }
  }
  return { series, storePrices, demographics };
}

describe('orange-juice GBDT features', () => {
  it('do not change when units after the origin or covariates after the target change', () => {
    const d = synthetic();
    const s = d.series[1];
    const o = 135;
    for (const h of [2, 3]) {
      const a = new Float64Array(FEATURE_COUNT);
      const la = writeFeatures(d, s, o, h, a, 0);
      const changed: OjSeries = {
        ...s,
        units: s.units.map((v, i) => (i + FIRST_WEEK > o ? v * 7 + 1 : v)),
        price: s.price.map((v, i) => (i + FIRST_WEEK > o + h ? v * 3 : v)),
        deal: s.deal.map((v, i) => (i + FIRST_WEEK > o + h ? 1 - v : v)),
      };
      const b = new Float64Array(FEATURE_COUNT);
      expect(writeFeatures(d, changed, o, h, b, 0)).toBe(la);
      expect(Array.from(b)).toEqual(Array.from(a));
      // A unit at the origin week does change them (the check above is not vacuous).
      const atOrigin: OjSeries = {
        ...s,
        units: s.units.map((v, i) => (i + FIRST_WEEK === o ? v * 2 : v)),
      };
      const c = new Float64Array(FEATURE_COUNT);
      writeFeatures(d, atOrigin, o, h, c, 0);
      expect(c[FEATURE_NAMES.indexOf('lag0')]).not.toBe(
        a[FEATURE_NAMES.indexOf('lag0')],
      );
    }
  });

  it('computes relative prices from the store-week prices of the other brands', () => {
    const d = synthetic();
    const s = d.series[0]; // brand 1
    const t = 140;
    const row = new Float64Array(FEATURE_COUNT);
    writeFeatures(d, s, t - 2, 2, row, 0);
    const sp = d.storePrices.get(s.store) as Float64Array;
    const prices = Array.from(
      sp.subarray((t - FIRST_WEEK) * 11, (t - FIRST_WEEK + 1) * 11),
    );
    const own = prices[0];
    const others = prices.slice(1);
    const mean = others.reduce((x, y) => x + y, 0) / others.length;
    expect(row[FEATURE_NAMES.indexOf('priceVsCompetitorMean')]).toBeCloseTo(
      own / mean,
      10,
    );
    expect(row[FEATURE_NAMES.indexOf('priceVsCompetitorMin')]).toBeCloseTo(
      own / Math.min(...others),
      10,
    );
    expect(row[FEATURE_NAMES.indexOf('cheaperBrands')]).toBe(
      others.filter((p) => p < own).length,
    );
  });

  it('keeps training targets at or before the cutoff and forecasts from the cutoff', () => {
    const d = synthetic();
    const train = trainingRows(d, [2, 3], 0, 135);
    expect(train.n).toBeGreaterThan(0);
    for (let i = 0; i < train.n; i++) {
      expect(train.origin[i] + train.horizon[i]).toBeLessThanOrEqual(135);
      expect(train.y[i]).toBeCloseTo(
        Math.log(train.actual[i]) - train.level[i],
        12,
      );
    }
    const fc = forecastRows(d, 135, [2, 3]);
    expect(fc.n).toBe(d.series.length * 2);
    expect(Array.from(fc.origin).every((o) => o === 135)).toBe(true);
  });
});
