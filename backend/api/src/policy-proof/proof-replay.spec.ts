import { SERVED_QUANTILE_LEVELS } from '@shelfcast/inventory-policy';
import { type ProofSeries, replayProof } from './proof-replay';

// Four weeks of history and two replayed weeks of a steady daily seller (weekly pattern).
const week = [6, 5, 5, 6, 8, 12, 10];
const sales = Float64Array.from({ length: 42 }, (_, i) => week[i % 7]);
const nine = (m: number) =>
  SERVED_QUANTILE_LEVELS.map((l) => m * (0.4 + 1.2 * l));
const backtest = {
  levels: SERVED_QUANTILE_LEVELS,
  values: SERVED_QUANTILE_LEVELS.map((_, k) =>
    Float64Array.from({ length: 14 }, (_, i) => nine(week[(28 + i) % 7])[k]),
  ),
};
const series = (over: Partial<ProofSeries> = {}): ProofSeries => ({
  sales,
  start: 28,
  backtest,
  initialOnHand: 20,
  season: 7,
  leadTime: 2,
  reviewPeriod: 7,
  serviceLevel: 0.95,
  unmetDemand: 'lost-sales',
  casePack: 1,
  moq: 0,
  ...over,
});

describe('replayProof', () => {
  it('replays both sides over the replayed periods and accounts for every lost unit', () => {
    const r = replayProof(series());
    if (r.skipped) throw new Error(`skipped: ${r.reason}`);
    expect(r.periods).toBe(14);
    expect(r.demand).toBe(2 * week.reduce((a, b) => a + b, 0));
    for (const side of [r.served, r.naive]) {
      expect(side.fillRate).toBeCloseTo(1 - side.lostUnits / r.demand, 9);
      expect(side.avgOnHand).toBeGreaterThan(0);
      expect(side.stockOutPeriods > 0).toBe(side.lostUnits > 0);
    }
    // A backtest close to demand: the served side fills most of it.
    expect(r.served.fillRate).toBeGreaterThan(0.8);
  });

  it('skips bad input with a reason instead of failing', () => {
    expect(replayProof(series({ backtest: null }))).toEqual({
      skipped: true,
      reason: 'no-backtest',
    });
    expect(replayProof(series({ initialOnHand: null }))).toEqual({
      skipped: true,
      reason: 'no-stock-history',
    });
    expect(replayProof(series({ sales: sales.subarray(7), start: 7 }))).toEqual(
      { skipped: true, reason: 'short-series' },
    );
    expect(replayProof(series({ sales: new Float64Array(42) }))).toEqual({
      skipped: true,
      reason: 'all-zero',
    });
  });
});
