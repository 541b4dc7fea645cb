import { ServiceTarget } from '../types';
import { Forecaster, SeriesHistory } from './forecaster';
import { replayPolicy, ReplayParams } from './replay-policy';

/** Replay parameters without the service target, optionally differing per series (start, end). */
export type PanelParams = (
  history: SeriesHistory,
  index: number,
) => Omit<ReplayParams, 'service'>;

export interface PanelResult {
  readonly series: number;
  readonly periods: number;
  /** Σ sales / Σ demand over all series. */
  readonly fillRate: number;
  /** Review cycles without a lost sale, over all series. */
  readonly cycleServiceLevel: number;
  /** Mean closing stock per series and period. */
  readonly averageOnHand: number;
  /** Total closing stock / total demand: periods of demand held on average. */
  readonly periodsOfCover: number;
  readonly orders: number;
  /** Unweighted mean of the per-series fill rates. */
  readonly meanSeriesFillRate: number;
}

/** Replays every series (each with its own forecaster) and pools the outcome. */
export function replayPanel(
  histories: readonly SeriesHistory[],
  forecasters: readonly Forecaster[],
  service: ServiceTarget,
  params: PanelParams,
): PanelResult {
  let demand = 0;
  let sales = 0;
  let periods = 0;
  let cycles = 0;
  let cyclesOk = 0;
  let stock = 0;
  let orders = 0;
  let seriesFill = 0;
  histories.forEach((h, i) => {
    const p = params(h, i);
    const r = replayPolicy(h, forecasters[i], { ...p, service });
    const review = Math.max(1, Math.round(p.reviewPeriod ?? 1));
    const n = Math.ceil(r.periods / review);
    demand += r.totalDemand;
    sales += r.totalSales;
    periods += r.periods;
    cycles += n;
    cyclesOk += r.cycleServiceLevel * n;
    stock += r.averageOnHand * r.periods;
    orders += r.orders;
    seriesFill += r.fillRate;
  });
  return {
    series: histories.length,
    periods,
    fillRate: demand > 0 ? sales / demand : 1,
    cycleServiceLevel: cycles > 0 ? cyclesOk / cycles : 1,
    averageOnHand: periods > 0 ? stock / periods : 0,
    periodsOfCover: demand > 0 ? stock / demand : 0,
    orders,
    meanSeriesFillRate:
      histories.length > 0 ? seriesFill / histories.length : 1,
  };
}

export interface Calibration {
  /** Service parameter handed to the policy. */
  readonly nominal: number;
  /** Outcome of the replay at that parameter. */
  readonly result: PanelResult;
  /** False when even the highest parameter misses the target. */
  readonly reached: boolean;
  /** With `interpolate`: the bisection's own answer (the last bracket's upper end). */
  readonly grid?: { readonly nominal: number; readonly result: PanelResult };
}

export interface CalibrationSearch {
  readonly lo?: number;
  readonly hi?: number;
  readonly iterations?: number;
  /**
   * After the bisection, read the parameter off the fill curve between the last bracket's two
   * replays (linear in −log(1 − ·) of both parameter and outcome, where the curve is nearly
   * straight) instead of taking the bracket's upper end, which always lands above the target.
   * Default false.
   */
  readonly interpolate?: boolean;
}

/**
 * Searches (bisection) the nominal service parameter at which the replayed
 * outcome, fill rate or cycle service of the target's kind, reaches the target.
 * Forecasts are the costly part: pass caching forecasters.
 */
export function calibrateServiceLevel(
  histories: readonly SeriesHistory[],
  forecasters: readonly Forecaster[],
  target: ServiceTarget,
  params: PanelParams,
  options: CalibrationSearch = {},
): Calibration {
  const achieved = (r: PanelResult): number =>
    target.kind === 'fill-rate' ? r.fillRate : r.cycleServiceLevel;
  const run = (nominal: number): PanelResult =>
    replayPanel(
      histories,
      forecasters,
      { kind: target.kind, level: nominal },
      params,
    );
  let lo = options.lo ?? 0.5;
  let hi = options.hi ?? 0.9995;
  let best = { nominal: hi, result: run(hi) };
  if (achieved(best.result) < target.level) return { ...best, reached: false };
  let below: PanelResult | null = null;
  for (let i = 0; i < (options.iterations ?? 12); i++) {
    const mid = 0.5 * (lo + hi);
    const result = run(mid);
    if (achieved(result) >= target.level) {
      hi = mid;
      best = { nominal: mid, result };
    } else {
      lo = mid;
      below = result;
    }
  }
  if (!options.interpolate || !below) return { ...best, reached: true };
  const odds = (p: number): number => -Math.log(Math.max(1e-12, 1 - p));
  const yLo = odds(achieved(below));
  const yHi = odds(achieved(best.result));
  if (!(yHi > yLo)) return { ...best, reached: true };
  const w = (odds(target.level) - yLo) / (yHi - yLo);
  const nominal = 1 - Math.exp(-(odds(lo) + w * (odds(hi) - odds(lo))));
  return { nominal, result: run(nominal), reached: true, grid: best };
}
