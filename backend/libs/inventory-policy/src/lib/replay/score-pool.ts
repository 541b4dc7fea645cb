/**
 * Calibration scores of many series, keyed by the calendar value of the
 * outcome they measure. A calibrated forecaster at calendar c reads only
 * scores of outcomes before c, so pooling across series adds no look-ahead.
 * Fill it for every series (CalibratedForecaster.record) before forecasting:
 * a query is memoised, so later additions would not be seen.
 */
export class ScorePool {
  private readonly entries = new Map<
    string,
    { calendar: number[]; z: number[]; spread: number[] }
  >();
  private readonly memo = new Map<string, Float64Array>();
  private readonly bandMemo = new Map<string, SpreadBands>();

  constructor(
    /** Only outcomes within this many calendar units before the query count. Default 52. */
    private readonly window = 52,
  ) {}

  /** `spread` is the scoring forecast's own spread; only spreadBand() reads it. */
  add(
    stratum: number,
    horizon: number,
    calendar: number,
    z: number,
    spread = 0,
  ): void {
    const key = `${stratum}:${horizon}`;
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { calendar: [], z: [], spread: [] }));
    e.calendar.push(calendar);
    e.z.push(z);
    e.spread.push(spread);
  }

  /** Sorted scores of outcomes with calendar in [before − window, before). */
  scores(stratum: number, horizon: number, before: number): Float64Array {
    const key = `${stratum}:${horizon}:${before}`;
    let hit = this.memo.get(key);
    if (!hit) {
      const picked = this.picked(stratum, horizon, before).map((i) => i.z);
      hit = Float64Array.from(picked).sort();
      this.memo.set(key, hit);
    }
    return hit;
  }

  /**
   * Sorted scores of the same window whose forecast spread falls in the same
   * band as `spread`. The window's scores are split into `bands` groups of
   * (nearly) equal size by their spread, so the band edges follow the pool
   * and need no hand-set thresholds. A series whose spread is wide then gets
   * the errors of other wide-spread forecasts, not those of narrow ones.
   */
  spreadBand(
    stratum: number,
    horizon: number,
    before: number,
    spread: number,
    bands: number,
  ): Float64Array {
    const key = `${stratum}:${horizon}:${before}:${bands}`;
    let hit = this.bandMemo.get(key);
    if (!hit) {
      hit = splitBySpread(this.picked(stratum, horizon, before), bands);
      this.bandMemo.set(key, hit);
    }
    let b = 0;
    while (b < hit.edges.length && spread >= hit.edges[b]) b++;
    return hit.groups[b];
  }

  private picked(
    stratum: number,
    horizon: number,
    before: number,
  ): { z: number; spread: number }[] {
    const e = this.entries.get(`${stratum}:${horizon}`);
    const picked: { z: number; spread: number }[] = [];
    if (!e) return picked;
    for (let i = 0; i < e.z.length; i++) {
      const c = e.calendar[i];
      if (c < before && c >= before - this.window)
        picked.push({ z: e.z[i], spread: e.spread[i] });
    }
    return picked;
  }
}

export interface SpreadBands {
  /** Lower spread edge of bands 1..B−1 (band 0 has none). */
  readonly edges: Float64Array;
  /** Sorted scores of each band. */
  readonly groups: Float64Array[];
}

/**
 * Splits scores into `bands` groups of equal count (the first n mod B groups
 * get one more) by ascending spread. Ties in spread stay in one band, so a
 * query with that spread finds all of them.
 */
export function splitBySpread(
  items: readonly { z: number; spread: number }[],
  bands: number,
): SpreadBands {
  const sorted = [...items].sort((a, b) => a.spread - b.spread);
  const n = sorted.length;
  const edges: number[] = [];
  const groups: Float64Array[] = [];
  let start = 0;
  for (let b = 0; b < bands && start < n; b++) {
    let end =
      b === bands - 1 ? n : start + Math.ceil((n - start) / (bands - b));
    while (end < n && sorted[end].spread === sorted[end - 1].spread) end++;
    if (b > 0) edges.push(sorted[start].spread);
    groups.push(Float64Array.from(sorted.slice(start, end), (i) => i.z).sort());
    start = end;
  }
  if (groups.length === 0) groups.push(new Float64Array(0));
  return { edges: Float64Array.from(edges), groups };
}
