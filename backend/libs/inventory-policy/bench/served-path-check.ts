// servedPathEqualsReplay: on a sample of decisions, the generator's sizing (sizeLine, what the
// API serves) and the replay's decision must order the same quantity from the same forecast,
// stock and settings.
import {
  type Forecaster,
  forecastContext,
  replayPolicy,
  type SeriesHistory,
  sizeLine,
} from '../src';

export interface ServedPathCheck {
  readonly decisions: number;
  readonly mismatches: number;
  readonly equal: boolean;
}

/** Every `stride`-th series, one decision each at a week of the window, at three stock levels. */
export function servedPathCheck(
  series: readonly SeriesHistory[],
  forecasters: readonly Forecaster[],
  window: {
    start: (h: SeriesHistory) => number;
    end: (h: SeriesHistory) => number;
  },
  target: number,
  stride = 10,
): ServedPathCheck {
  let decisions = 0;
  let mismatches = 0;
  for (let i = 0; i < series.length; i += stride) {
    const h = series[i];
    const from = window.start(h);
    const span = window.end(h) - from;
    if (span <= 0) continue;
    const t = from + (i % span);
    const forecast = forecasters[i].forecast(forecastContext(h, t), 2);
    const median = forecast.values[Math.floor(forecast.values.length / 2)][0];
    for (const onHand of [0, Math.round(median), Math.round(3 * median)]) {
      const replay = replayPolicy(h, forecasters[i], {
        service: { kind: 'fill-rate', level: target },
        leadTime: 1,
        reviewPeriod: 1,
        start: t,
        end: t + 1,
        initialOnHand: onHand,
        lostSalesDemand: 'quantiles',
        keepTrace: true,
      });
      const served = sizeLine({
        forecast,
        onHand,
        openOrders: [],
        leadTime: 1,
        leadTimeSd: 0,
        reviewPeriod: 1,
        service: { kind: 'fill-rate', level: target },
        casePack: 1,
        moq: 0,
        unmetDemand: 'lost-sales',
        periodUnit: 'week',
      });
      decisions++;
      if (served.orderQuantity !== replay.trace?.ordered[0]) mismatches++;
    }
  }
  return { decisions, mismatches, equal: decisions > 0 && mismatches === 0 };
}
