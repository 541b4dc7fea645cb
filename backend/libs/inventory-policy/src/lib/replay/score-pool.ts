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
    { calendar: number[]; z: number[] }
  >();
  private readonly memo = new Map<string, Float64Array>();

  constructor(
    /** Only outcomes within this many calendar units before the query count. Default 52. */
    private readonly window = 52,
  ) {}

  add(stratum: number, horizon: number, calendar: number, z: number): void {
    const key = `${stratum}:${horizon}`;
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { calendar: [], z: [] }));
    e.calendar.push(calendar);
    e.z.push(z);
  }

  /** Sorted scores of outcomes with calendar in [before − window, before). */
  scores(stratum: number, horizon: number, before: number): Float64Array {
    const key = `${stratum}:${horizon}:${before}`;
    let hit = this.memo.get(key);
    if (!hit) {
      const e = this.entries.get(`${stratum}:${horizon}`);
      const picked: number[] = [];
      if (e) {
        for (let i = 0; i < e.z.length; i++) {
          const c = e.calendar[i];
          if (c < before && c >= before - this.window) picked.push(e.z[i]);
        }
      }
      hit = Float64Array.from(picked).sort();
      this.memo.set(key, hit);
    }
    return hit;
  }
}
