import { finalizeForecast } from '../core/quantiles';
import { median } from '../core/stats';
import type { Forecast } from '../types';

/** Median ensemble: per step and quantile level, the median of the members' values. */
export function medianEnsemble(members: Forecast[]): Forecast {
  const first = members[0];
  const H = first.point.length;
  const col = new Float64Array(members.length);
  const pick = (get: (f: Forecast) => Float64Array): Float64Array => {
    const out = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      members.forEach((f, i) => (col[i] = get(f)[h]));
      out[h] = median(col);
    }
    return out;
  };
  return finalizeForecast({
    point: pick((f) => f.point),
    levels: [...first.levels],
    values: first.levels.map((_, k) => pick((f) => f.values[k])),
  });
}
