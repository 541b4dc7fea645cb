// The forecasters bench:policy compares (its "methods"): the product's engine with the candidate
// calibrations, the bench's promotion regression and its calibration variants, seasonal naive.
import {
  calibratedForecaster,
  CalibrationOptions,
  forecastContext,
  Forecaster,
  levelRecalibratedForecaster,
  partialCorrection,
  promoRegressionForecaster,
  ScorePool,
  seasonalNaiveForecaster,
  SeriesHistory,
  SERVED_CALIBRATION,
  SERVED_RECALIBRATION,
  ReplayParams,
  ServiceCalibrator,
} from '../src';
import {
  engineCovers,
  EngineRefits,
  engineForecaster,
} from './engine-forecaster';
import { OjSeries } from './oj-data';

// Promotion weeks (deal or feature planned) are calibrated on their own errors.
export const promoStratum = (
  ctx: { covariates: Readonly<Record<string, Float64Array>> },
  t: number,
): number =>
  (ctx.covariates['deal']?.[t] ?? 0) > 0 ||
  (ctx.covariates['feat']?.[t] ?? 0) > 0
    ? 1
    : 0;

export interface Method {
  name: string;
  /** One forecaster per series (a pooled calibration fills its pool first). */
  panel: (series: readonly SeriesHistory[]) => Forecaster[];
  nominalOnly?: boolean;
  /** How the policy reads lost-sales demand for this method (default: the fitted shape). */
  lostSalesDemand?: 'shape' | 'quantiles';
  /** The service target per decision of series i (service-parameter calibration), after panel(). */
  serviceAt?: (h: SeriesHistory, i: number) => ReplayParams['serviceAt'];
}
export const perSeries =
  (make: () => Forecaster) =>
  (series: readonly SeriesHistory[]): Forecaster[] =>
    series.map(() => make());
// Lead time 1 week; protection interval L + R = 2 weeks: the horizon every decision asks for.
export const LEAD_TIME = 1;
export const HORIZON = LEAD_TIME + 1;

/** Calibrated promo regression with scores pooled over the panel (only outcomes already known). */
export const pooled =
  (options: CalibrationOptions) =>
  (series: readonly SeriesHistory[]): Forecaster[] => {
    const pool = new ScorePool();
    return series.map((h) => {
      const f = calibratedForecaster(promoRegressionForecaster(), {
        ...options,
        pool,
      });
      for (let o = 0; o < h.demand.length; o++) {
        f.record(forecastContext(h, o), HORIZON, h.demand);
      }
      return f;
    });
  };

// Levels the calibrated forecaster passes when the policy reads demand from
// the quantiles themselves instead of fitting a shape.
export const NINE_LEVELS = [0.02, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98];

// Chosen on the development weeks 90..104 (POLICY_BENCH_DEV=1) by the rule fixed
// beforehand: smallest largest |achieved − target| over the three targets
// (2.0 pp, against 3.0 for the previous default; see README). Scores are
// pooled by promotion stratum and by 5 bands of the forecast's own spread,
// and the policy reads lost-sales demand from 9 calibrated levels.
export const REGRESSION: Method = {
  name: 'bench regression (promo regression, calibrated by spread band, comparison row)',
  panel: pooled({ stratum: promoStratum, spreadBands: 5, levels: NINE_LEVELS }),
  lostSalesDemand: 'quantiles',
};
// The default until this selection: one score pool per promotion stratum,
// whatever the spread, and the fitted shape.
export const PREVIOUS: Method = {
  name: 'previous default: pooled scores, promotion strata, shape',
  panel: pooled({ stratum: promoStratum }),
};
// Spread bands with the fitted shape: not chosen (3.2 pp on weeks 90..104).
export const BANDS_SHAPE: Method = {
  name: '5 spread bands, fitted shape (not chosen)',
  panel: pooled({ stratum: promoStratum, spreadBands: 5 }),
};
// The product's engine (trainAndForecast, the nightly run's configuration), refitted every
// REFIT_WEEKS weeks on the data known then, calibrated like the regression above: scores pooled by
// promotion state and spread band, nine levels, quantile reading. Scores are recorded only at
// origins a refit covers (the engine's own errors).
/** The engine's refits, set once fitted (main). */
export const engineRef: { current: EngineRefits | null } = { current: null };
/** The engine calibrated with scores of outcomes in the last `window` weeks. */
export const engineMethod = (window: number, name: string): Method => ({
  name,
  panel: (series) => {
    const fitted = engineRef.current;
    if (!fitted) throw new Error('fit the engine first');
    const pool = new ScorePool(window);
    return series.map((h) => {
      const inner = engineForecaster(
        fitted,
        h as OjSeries,
        seasonalNaiveForecaster(),
      );
      // Half-spreads: the engine's P10 is often 0, and a symmetric log spread then blows up
      // the upper tail (the dev run's stock went to 120 weeks of cover without them).
      // The nightly run's calibration (SERVED_CALIBRATION: 5 spread bands, half-spreads,
      // conformal levels, 20 scores at least).
      const f = calibratedForecaster(inner, {
        ...SERVED_CALIBRATION,
        stratum: promoStratum,
        levels: NINE_LEVELS,
        pool,
      });
      for (let o = 0; o < h.demand.length; o++) {
        if (engineCovers(fitted, h as OjSeries, o))
          f.record(forecastContext(h, o), HORIZON, h.demand);
      }
      return f;
    });
  },
  lostSalesDemand: 'quantiles',
});
// Score window of the served calibration (weeks of outcomes before the decision) and the
// parameter search, chosen on the transfer's first development run: 26 weeks, interpolated search
// (weeks 105..132 only, parameter searched on 105..118 and applied to 119..132; see
// docs/inventory-policy.md).
export const SCORE_WINDOW = Number(
  process.env['POLICY_BENCH_SCORE_WINDOW'] ?? 52,
);
// Service-parameter search: read off the fill curve inside the last bracket, or the bracket's
// upper end (the grid point). Chosen on the transfer's development run.
export const INTERPOLATE = process.env['POLICY_BENCH_INTERPOLATE'] === '1';
/**
 * The engine's quantiles as served, uncalibrated (`none`); calibrated by the conformal score pool
 * (`conformal`); half way between the two, level by level (`half`); level recalibration with the
 * covering levels of the last K weeks' outcomes (`levels-K`, level-recalibration.ts).
 */
export type EngineCalibration =
  | 'none'
  | 'conformal'
  | 'half'
  | `levels-${number}`
  | `levels9-${number}`
  | 'half-service';
// Level recalibration's candidate windows (weeks of outcomes), fixed before its development run.
export const LEVEL_WINDOWS = [8, 13, 26] as const;
// Level recalibration on the engine's nine levels with spread bands (`levels9-K`): candidate
// windows fixed before its development run.
export const LEVEL9_WINDOWS = [13, 26] as const;
export const CALIBRATIONS: readonly EngineCalibration[] = [
  'none',
  'conformal',
  'half',
  ...LEVEL_WINDOWS.map((w): EngineCalibration => `levels-${w}`),
  ...LEVEL9_WINDOWS.map((w): EngineCalibration => `levels9-${w}`),
  'half-service',
];
export const levelWindow = (c: EngineCalibration): number | null =>
  c.startsWith('levels') ? Number(c.slice(c.indexOf('-') + 1)) : null;
// The service-parameter calibration's window (weeks of known outcomes), fixed a priori: the
// score window chosen for the conformal calibration.
export const SERVICE_WINDOW = 26;
/** Whether a level recalibration reads the forecast's nine levels (with spread bands). */
export const nineLevelReading = (c: EngineCalibration): boolean =>
  c.startsWith('levels9-');
export const calibrationName = (c: EngineCalibration): string =>
  c === 'none'
    ? 'quantiles as served, uncalibrated'
    : c === 'conformal'
      ? `calibrated by spread band, ${SCORE_WINDOW}-week scores`
      : c === 'half'
        ? `half the ${SCORE_WINDOW}-week calibration's correction`
        : c === 'half-service'
          ? `half the ${SCORE_WINDOW}-week calibration's correction, service parameter calibrated on ${SERVICE_WINDOW} weeks of known fill`
          : nineLevelReading(c)
            ? `level recalibration of the nine levels, ${levelWindow(c)}-week covering levels by spread band`
            : `level recalibration, ${levelWindow(c)}-week covering levels`;
/** The engine recalibrated by level with the covering levels of outcomes in the last `window` weeks. */
export const engineLevels =
  (window: number, nine = false) =>
  (series: readonly SeriesHistory[]): Forecaster[] => {
    const fitted = engineRef.current;
    if (!fitted) throw new Error('fit the engine first');
    const pool = new ScorePool(window);
    return series.map((h) => {
      const f = levelRecalibratedForecaster(
        engineForecaster(fitted, h as OjSeries, seasonalNaiveForecaster()),
        {
          pool,
          stratum: promoStratum,
          levels: NINE_LEVELS,
          ...(nine ? SERVED_RECALIBRATION : {}),
        },
      );
      // Only the engine's own forecasts give covering levels (origins a refit covers).
      for (let o = 0; o < h.demand.length; o++)
        if (engineCovers(fitted, h as OjSeries, o))
          f.record(forecastContext(h, o), HORIZON, h.demand);
      return f;
    });
  };
/** The engine's forecasts as served (no calibration), the fallback seasonal naive. */
export const rawEngine = (series: readonly SeriesHistory[]): Forecaster[] => {
  const fitted = engineRef.current;
  if (!fitted) throw new Error('fit the engine first');
  return series.map((h) =>
    engineForecaster(fitted, h as OjSeries, seasonalNaiveForecaster()),
  );
};
/** Level by level, half way from the engine's forecast to the calibrated one (as served). */
export const halfWay = (
  raw: Forecaster,
  calibrated: Forecaster,
): Forecaster => ({
  name: `half(${calibrated.name})`,
  forecast: (ctx, horizon) =>
    partialCorrection(
      raw.forecast(ctx, horizon),
      calibrated.forecast(ctx, horizon),
      0.5,
    ),
});
/** The engine with one of the candidate calibrations (26-week scores for the corrections). */
export const engineWith = (c: EngineCalibration, name: string): Method => {
  const conformal = engineMethod(SCORE_WINDOW, name);
  const window = levelWindow(c);
  const half = (series: readonly SeriesHistory[]): Forecaster[] => {
    const raw = rawEngine(series);
    return conformal.panel(series).map((f, i) => halfWay(raw[i], f));
  };
  if (c === 'half-service') {
    // The half-corrected engine; the service parameter of each decision calibrated on the
    // panel's known one-week-ahead forecasts (step 1, the week an order serves) and outcomes.
    // One calibrator per panel (the latest panel's serves the decisions): a one-series panel
    // (the bench's timing) must not add its series to the whole panel's.
    let calibrator = new ServiceCalibrator(SERVICE_WINDOW);
    return {
      name,
      lostSalesDemand: 'quantiles',
      panel: (series) => {
        const fitted = engineRef.current;
        if (!fitted) throw new Error('fit the engine first');
        const forecasters = half(series);
        calibrator = new ServiceCalibrator(SERVICE_WINDOW);
        series.forEach((h, i) => {
          const ctx0 = forecastContext(h, 0);
          for (let o = 0; o + 1 < h.demand.length; o++) {
            if (!engineCovers(fitted, h as OjSeries, o)) continue;
            const f = forecasters[i].forecast(forecastContext(h, o), HORIZON);
            calibrator.add(
              f,
              1,
              h.demand[o + 1],
              promoStratum(ctx0, o + 1),
              ctx0.calendar[o + 1],
            );
          }
        });
        return forecasters;
      },
      serviceAt: (h) => {
        const ctx0 = forecastContext(h, 0);
        return (t, service) => ({
          ...service,
          level: calibrator.parameter(
            service.level,
            promoStratum(ctx0, t + 1),
            ctx0.calendar[t],
          ),
        });
      },
    };
  }
  return {
    name,
    lostSalesDemand: 'quantiles',
    panel:
      window !== null
        ? engineLevels(window, nineLevelReading(c))
        : c === 'none'
          ? rawEngine
          : c === 'conformal'
            ? conformal.panel
            : half,
  };
};
// The calibration of the engine's quantiles, chosen on the transfer's second development run
// (POLICY_BENCH_TRANSFER_DEV=1, weeks 105..132 only). Candidates, fixed before that run: none
// (the engine's quantiles as served), the 26-week conformal calibration, half its correction.
// Rule, fixed before that run: among the candidates whose average stock on weeks 105..132, with
// the parameter that reaches 90% there, is at least 15% below seasonal naive's at the same fill
// rate (naive unable to reach 90% counts as met), the smallest largest |achieved − target| on
// 119..132 over 90/95/98% (parameter searched on 105..118, interpolated search); if none holds
// 15% less, the least stock at 90%.
// Default: the chosen one (`half`), what the nightly run serves (SERVED_CORRECTION).
export const CALIBRATION = (process.env['POLICY_BENCH_CALIBRATION'] ??
  'half') as EngineCalibration;
if (!CALIBRATIONS.includes(CALIBRATION))
  throw new Error(
    `POLICY_BENCH_CALIBRATION must be one of ${CALIBRATIONS.join(', ')}`,
  );
// The development run's variants (POLICY_BENCH_DEV=1, weeks 90..104).
export const DEV_VARIANTS: Method[] = [
  PREVIOUS,
  BANDS_SHAPE,
  {
    name: '10 spread bands, fitted shape',
    panel: pooled({ stratum: promoStratum, spreadBands: 10 }),
  },
  {
    name: '10 spread bands, quantile reading of 9 levels',
    panel: pooled({
      stratum: promoStratum,
      spreadBands: 10,
      levels: NINE_LEVELS,
    }),
    lostSalesDemand: 'quantiles',
  },
  {
    name: 'no spread bands, quantile reading of 9 levels',
    panel: pooled({ stratum: promoStratum, levels: NINE_LEVELS }),
    lostSalesDemand: 'quantiles',
  },
  {
    name: 'no spread bands, quantile reading of 5 levels',
    panel: pooled({ stratum: promoStratum }),
    lostSalesDemand: 'quantiles',
  },
  {
    name: 'pooled scores, one stratum',
    panel: pooled({}),
  },
  {
    name: 'own-series scores, promo strata',
    panel: perSeries(() =>
      calibratedForecaster(promoRegressionForecaster(), {
        stratum: promoStratum,
      }),
    ),
  },
  {
    name: 'own-series scores, plain quantiles, promo strata',
    panel: perSeries(() =>
      calibratedForecaster(promoRegressionForecaster(), {
        stratum: promoStratum,
        finiteSampleCorrection: false,
      }),
    ),
  },
];
