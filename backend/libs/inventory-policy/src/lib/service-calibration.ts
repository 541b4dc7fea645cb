import { quantileDistribution } from './quantile-distribution';
import { QuantileForecast } from './types';

// Service-parameter calibration (a candidate for bench:policy's transfer): the fill-rate parameter
// handed to the policy is chosen at each decision so that, on the panel's known forecasts and
// outcomes of the last weeks, the single-period stock level that parameter asks for would have
// served the target share of the demand (demand weighted, so the spikes count as much as the fill
// rate counts them). Coverage calibrations weigh every outcome once; the fill rate weighs units.

/** Candidate parameters: 0.5 … 0.9995, evenly spaced in −log(1 − p). */
export const SERVICE_GRID: readonly number[] = Array.from(
  { length: 64 },
  (_, i) => 1 - 0.5 * Math.pow(0.001, i / 63),
);

/** The smallest stock s with E[(D − s)⁺] ≤ (1 − β)·E[D] for step h of the forecast (quantile reading). */
export function singlePeriodLevel(
  f: QuantileForecast,
  h: number,
  beta: number,
): number {
  return singlePeriodLevels(f, h, [beta])[0];
}

/** singlePeriodLevel at each of `betas` (ascending), one distribution for all. */
export function singlePeriodLevels(
  f: QuantileForecast,
  h: number,
  betas: readonly number[],
): number[] {
  const t = Math.min(h, f.values[0].length - 1);
  const d = quantileDistribution(
    f.levels,
    f.values.map((v) => v[t]),
  );
  let from = 0;
  return betas.map((beta) => {
    const allowed = (1 - beta) * d.mean;
    if (d.shortage(from) <= allowed) return from;
    // The level rises with β: search above the previous one.
    let lo = from;
    let hi = Math.max(2 * from, 1, d.quantile(0.5));
    while (d.shortage(hi) > allowed) hi *= 2;
    for (let k = 0; k < 40 && hi - lo > 1e-9 * hi; k++) {
      const mid = (lo + hi) / 2;
      if (d.shortage(mid) > allowed) lo = mid;
      else hi = mid;
    }
    from = hi;
    return hi;
  });
}

interface WeekSums {
  demand: number;
  count: number;
  /** Σ (y − s_g)⁺ per grid parameter. */
  short: Float64Array;
}

/**
 * Known (forecast, outcome) pairs of a panel, by stratum and outcome calendar week; `parameter`
 * reads only outcomes in [asOf − window, asOf), so a decision sees no later outcome.
 */
export class ServiceCalibrator {
  private readonly weeks = new Map<string, WeekSums>();
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly window = 26,
    private readonly minOutcomes = 20,
  ) {}

  /** Files step h of `f` against its outcome (at `calendar`, in `stratum`). */
  add(
    f: QuantileForecast,
    h: number,
    actual: number,
    stratum: number,
    calendar: number,
  ): void {
    if (!Number.isFinite(actual)) return;
    const key = `${stratum}:${calendar}`;
    let w = this.weeks.get(key);
    if (!w)
      this.weeks.set(
        key,
        (w = {
          demand: 0,
          count: 0,
          short: new Float64Array(SERVICE_GRID.length),
        }),
      );
    const y = Math.max(0, actual);
    w.demand += y;
    w.count++;
    const levels = singlePeriodLevels(f, h, SERVICE_GRID);
    for (let k = 0; k < levels.length; k++)
      if (y > levels[k]) w.short[k] += y - levels[k];
  }

  /**
   * The parameter whose single-period level served `target` of the known demand of the window in
   * `stratum` (both strata when it has too few outcomes; `target` itself when both have).
   */
  parameter(target: number, stratum: number, asOf: number): number {
    const key = `${target}:${stratum}:${asOf}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    let sums = this.sum([stratum], asOf);
    if (sums.count < this.minOutcomes || !(sums.demand > 0))
      sums = this.sum([0, 1], asOf);
    let out = target;
    if (sums.count >= this.minOutcomes && sums.demand > 0) {
      const fill = (k: number): number => 1 - sums.short[k] / sums.demand;
      out = SERVICE_GRID[SERVICE_GRID.length - 1];
      for (let k = 0; k < SERVICE_GRID.length; k++) {
        if (fill(k) >= target) {
          if (k === 0) {
            out = SERVICE_GRID[0];
          } else {
            // Linear between the two grid points that bracket the target.
            const a = fill(k - 1);
            const b = fill(k);
            const w = b > a ? (target - a) / (b - a) : 1;
            out =
              SERVICE_GRID[k - 1] + w * (SERVICE_GRID[k] - SERVICE_GRID[k - 1]);
          }
          break;
        }
      }
    }
    this.memo.set(key, out);
    return out;
  }

  private sum(
    strata: readonly number[],
    asOf: number,
  ): { demand: number; count: number; short: Float64Array } {
    const short = new Float64Array(SERVICE_GRID.length);
    let demand = 0;
    let count = 0;
    for (const s of strata)
      for (let c = asOf - this.window; c < asOf; c++) {
        const w = this.weeks.get(`${s}:${c}`);
        if (!w) continue;
        demand += w.demand;
        count += w.count;
        for (let k = 0; k < short.length; k++) short[k] += w.short[k];
      }
    return { demand, count, short };
  }
}
