import type { CleanSeries } from '../core/stats';
import type { Forecast } from '../types';
import {
  defaultMovingAverageWindow,
  fitMovingAverage,
  fitSeasonalNaive,
  movingAverageForecast,
  type MovingAverageParams,
  type SeasonalNaiveParams,
  seasonalNaiveForecast,
} from './baselines';
import { etsForecast, type EtsParams, fitEts } from './ets';
import {
  fitIntermittent,
  intermittentForecast,
  type IntermittentParams,
} from './intermittent';

export type LocalModelName =
  | 'seasonal-naive'
  | 'moving-average'
  | 'ets'
  | 'croston-sba'
  | 'tsb';

/** Plain-JSON parameters of a fitted per-series model; enough to forecast without refitting. */
export type LocalParams =
  | ({ model: 'seasonal-naive' } & SeasonalNaiveParams)
  | ({ model: 'moving-average' } & MovingAverageParams)
  | ({ model: 'ets' } & EtsParams)
  | ({ model: 'croston-sba' | 'tsb' } & IntermittentParams);

export interface LocalFit {
  params: LocalParams;
  forecast: Forecast;
  /** Point forecast split into level (incl. trend) and seasonal parts, for the drivers. */
  levelPart: Float64Array;
  seasonPart: Float64Array;
}

export interface LocalContext {
  period: number;
  horizon: number;
  levels: readonly number[];
  etsMaxIter?: number;
}

/**
 * With `reuse`, smoothing constants are taken from an earlier fit of the same model and only the
 * states are re-filtered on the new history (used at later backtest origins to save time).
 */

export function fitLocal(
  name: LocalModelName,
  s: CleanSeries,
  ctx: LocalContext,
  reuse?: LocalParams,
): LocalFit {
  const { period, horizon: h, levels } = ctx;
  let params: LocalParams;
  switch (name) {
    case 'seasonal-naive':
      params = { model: name, ...fitSeasonalNaive(s.y, period) };
      break;
    case 'moving-average':
      params = {
        model: name,
        ...fitMovingAverage(s.y, defaultMovingAverageWindow(period)),
      };
      break;
    case 'ets':
      params = {
        model: name,
        ...fitEts(
          s.y,
          period,
          h,
          levels,
          s.valid,
          ctx.etsMaxIter,
          reuse?.model === 'ets' ? reuse : undefined,
        ).params,
      };
      break;
    case 'croston-sba':
    case 'tsb':
      params = { model: name, ...fitIntermittent(name, s.y, h, levels).params };
      break;
  }
  return forecastLocal(params, h, levels);
}

export function forecastLocal(
  params: LocalParams,
  h: number,
  levels: readonly number[],
): LocalFit {
  if (params.model === 'ets') {
    const r = etsForecast(params, h, levels);
    return {
      params,
      forecast: r.forecast,
      levelPart: r.levelPart,
      seasonPart: r.seasonPart,
    };
  }
  let forecast: Forecast;
  let levelPart: Float64Array;
  if (params.model === 'seasonal-naive') {
    forecast = seasonalNaiveForecast(params, h, levels);
    const mean =
      params.lastSeason.reduce((a, b) => a + b, 0) / params.lastSeason.length;
    levelPart = new Float64Array(h).fill(mean);
  } else if (params.model === 'moving-average') {
    forecast = movingAverageForecast(params, h, levels);
    levelPart = Float64Array.from(forecast.point);
  } else {
    forecast = intermittentForecast(params, h, levels);
    levelPart = Float64Array.from(forecast.point);
  }
  // Whatever the level does not explain is the model's seasonal pattern.
  const seasonPart = forecast.point.map((v, i) => v - levelPart[i]);
  return { params, forecast, levelPart, seasonPart };
}
