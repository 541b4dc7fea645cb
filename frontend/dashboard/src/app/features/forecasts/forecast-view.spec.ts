import type { HistoryPoint } from '@shelfcast/contracts';
import {
  backtestValues,
  driverTotals,
  explainDrivers,
  historyMarkers,
  horizonTotal,
  missingFor,
  overridePreview,
  weeklyDrivers,
} from './forecast-view';

const h = (date: string, onPromo = false, stockout = false): HistoryPoint => ({
  date,
  units: 1,
  onPromo,
  stockout,
});

describe('forecast view helpers', () => {
  it('says which pick a level still needs', () => {
    const none = { store: null, sku: null, category: null };
    expect(missingFor('chain', none)).toBeNull();
    expect(missingFor('series', none)).toBe('storeAndProduct');
    expect(missingFor('series', { ...none, store: 'S1' })).toBe('product');
    expect(missingFor('series', { ...none, sku: 'P1' })).toBe('store');
    expect(
      missingFor('series', { ...none, store: 'S1', sku: 'P1' }),
    ).toBeNull();
    expect(missingFor('product', none)).toBe('product');
    expect(missingFor('category', none)).toBe('category');
    expect(missingFor('store', { ...none, store: 'S1' })).toBeNull();
  });

  it('merges consecutive promotion days into one period and marks each stock-out day', () => {
    const markers = historyMarkers(
      [
        h('2026-01-01', true),
        h('2026-01-02', true),
        h('2026-01-03'),
        h('2026-01-04', true, true),
        h('2026-01-06', false, true),
      ],
      { promotion: 'Promo', stockout: 'Out' },
    );
    expect(markers).toEqual([
      {
        kind: 'promotion',
        start: '2026-01-01',
        end: '2026-01-02',
        label: 'Promo',
      },
      {
        kind: 'promotion',
        start: '2026-01-04',
        end: '2026-01-04',
        label: 'Promo',
      },
      { kind: 'stockout', start: '2026-01-04', label: 'Out' },
      { kind: 'stockout', start: '2026-01-06', label: 'Out' },
    ]);
  });

  it('sums drivers over the horizon, largest magnitude first', () => {
    expect(
      driverTotals({ level: [10, 10], price: [-30, -1], promotion: [0, 5] }),
    ).toEqual([
      { driver: 'price', total: -31 },
      { driver: 'level', total: 20 },
      { driver: 'promotion', total: 5 },
    ]);
    expect(driverTotals(null)).toEqual([]);
  });

  it('buckets drivers per week, leaving out all-zero drivers', () => {
    const dates = Array.from(
      { length: 10 },
      (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`,
    );
    const result = weeklyDrivers(
      { level: Array<number>(10).fill(1), market: Array<number>(10).fill(0) },
      dates,
    );
    expect(result.periods).toEqual(['2026-02-01', '2026-02-08']);
    expect(result.series).toEqual([{ driver: 'level', values: [7, 3] }]);
    expect(weeklyDrivers(null, dates)).toEqual({ periods: [], series: [] });
  });

  it('explains the forecast by its two biggest drivers', () => {
    const e = explainDrivers(
      { level: [60, 60], seasonality: [-10, -10], promotion: [0, 0] },
      2,
    );
    expect(e).toEqual({
      days: 2,
      total: 100,
      top: { driver: 'level', total: 120 },
      topShare: 1.2,
      second: { driver: 'seasonality', total: -20 },
    });
    expect(explainDrivers({ level: [0] }, 1)).toBeNull();
  });

  it('draws the backtest P50, or no line at all when the run stored none', () => {
    expect(backtestValues([])).toBeNull();
    expect(
      backtestValues([
        {
          date: '2026-11-14',
          origin: '2026-11-14',
          p10: 3,
          p50: 5.5,
          p90: 8,
          actual: 6,
        },
        {
          date: '2026-11-15',
          origin: '2026-11-14',
          p10: 2,
          p50: 4,
          p90: 7,
          actual: null,
        },
      ]),
    ).toEqual([
      { date: '2026-11-14', value: 5.5 },
      { date: '2026-11-15', value: 4 },
    ]);
  });

  it('totals P50 over the horizon', () => {
    expect(horizonTotal([{ p50: 1.5 }, { p50: 2.5 }])).toBe(4);
  });
});

describe('overridePreview', () => {
  const forecast = [
    { date: '2026-12-01', p50: 10 },
    { date: '2026-12-02', p50: 12, baseline: 11 },
    { date: '2026-12-03', p50: 14 },
  ];

  it('replaces each day (per_period) or the whole range (total)', () => {
    expect(
      overridePreview(forecast, '2026-12-01', '2026-12-02', 'per_period', 20),
    ).toEqual({ days: 2, baseline: 21, override: 40, final: 40 });
    expect(
      overridePreview(forecast, '2026-12-02', '2026-12-03', 'total', 30),
    ).toEqual({ days: 2, baseline: 25, override: 30, final: 30 });
  });

  it('is null outside the forecast or for a negative value', () => {
    expect(
      overridePreview(forecast, '2027-01-01', '2027-01-02', 'total', 5),
    ).toBeNull();
    expect(
      overridePreview(forecast, '2026-12-01', '2026-12-03', 'total', -1),
    ).toBeNull();
  });
});
