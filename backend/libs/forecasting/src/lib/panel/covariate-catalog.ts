import { median } from '../core/stats';
import type { CovariateGroup } from '../types';
import type { PreparedSeries } from './prepare';

/**
 * What the global models' feature specs share: every covariate named in the panel with its group
 * (first seen wins), and the median of the series' price levels (1 when none is given), the
 * reference their price-level feature is scaled by.
 */
export function covariateCatalog(series: readonly PreparedSeries[]): {
  covariates: { name: string; group: CovariateGroup }[];
  priceLevelRef: number;
} {
  const seen = new Map<string, CovariateGroup>();
  const levels: number[] = [];
  for (const p of series) {
    for (const c of p.input.covariates ?? [])
      if (!seen.has(c.name)) seen.set(c.name, c.group);
    const pl = p.input.attributes?.priceLevel;
    if (pl !== undefined && pl > 0) levels.push(pl);
  }
  return {
    covariates: [...seen].map(([name, group]) => ({ name, group })),
    priceLevelRef: levels.length ? median(levels) : 1,
  };
}
