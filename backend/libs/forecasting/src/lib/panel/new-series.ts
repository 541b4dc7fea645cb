import { buildCategoryProfiles, categoryForecast } from './category';
import { emptyDrivers } from './drivers';
import type { PreparedSeries } from './prepare';
import type {
  CategoryProfile,
  ForecastArtifacts,
  SeriesResult,
} from './result-types';
import { failSeries, type PanelRun } from './run-context';
import { forecastDates } from './windows';

/**
 * Step 7: category profiles from the established series' final forecasts, then the brand-new
 * series' forecasts (category profile × level prior), appended to `results`. `fixedProfiles` (a
 * sharded run's global step) replace the panel's own, so new series do not depend on the shard.
 */
export function forecastNewSeries(
  run: PanelRun,
  ok: PreparedSeries[],
  prepared: PreparedSeries[],
  results: SeriesResult[],
  artifacts: ForecastArtifacts,
  wantDrivers: boolean,
  fixedProfiles?: Record<string, CategoryProfile>,
): void {
  const { horizon: H, freq, levels } = run;
  const byId = new Map(results.map((r) => [r.id, r]));
  artifacts.categoryProfiles =
    fixedProfiles ??
    buildCategoryProfiles(
      ok
        .filter((p) => byId.has(p.input.id))
        .map((p) => ({
          series: p,
          forecast: (byId.get(p.input.id) as SeriesResult).forecast,
        })),
      Math.max(run.period, H),
    );
  for (const p of prepared.filter((q) => q.kind === 'new')) {
    try {
      const { forecast } = categoryForecast(
        p,
        artifacts.categoryProfiles,
        levels,
        H,
      );
      const drivers = emptyDrivers(H);
      drivers.level.set(forecast.point);
      results.push({
        id: p.input.id,
        model: 'category-profile',
        kind: 'new',
        dates: forecastDates(p, H, freq),
        forecast,
        backtest: {},
        backtestForecasts: [],
        drivers: wantDrivers ? drivers : undefined,
      });
      artifacts.selection[p.input.id] = 'category-profile';
    } catch (e) {
      failSeries(run, p.input.id, e);
    }
  }
}
