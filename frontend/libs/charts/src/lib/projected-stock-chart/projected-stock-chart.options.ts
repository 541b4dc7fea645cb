import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  LARGE_SERIES_THRESHOLD,
  axisDay,
  escapeHtml,
  formatDay,
  formatNumber,
} from '../core/chart-format';
import type { ChartContext, ChartOption } from '../core/chart-options';
import type { DatedValue } from '../core/chart-types';

export interface ProjectedStockLabels {
  onHand: string;
  projectedOnHand: string;
  inbound: string;
  forecastDemand: string;
  reorderPoint: string;
  safetyStock: string;
  stockout: string;
  withoutOrder: string;
  orderArrival: string;
  nextDelivery: string;
}

export const DEFAULT_PROJECTED_STOCK_LABELS: ProjectedStockLabels = {
  onHand: 'On hand',
  projectedOnHand: 'Projected on hand',
  inbound: 'Inbound',
  forecastDemand: 'Forecast demand',
  reorderPoint: 'Reorder point',
  safetyStock: 'Safety stock',
  stockout: 'Projected stock-out',
  withoutOrder: 'Without the order',
  orderArrival: 'Order arrives',
  nextDelivery: 'Next delivery',
};

export interface ProjectedStockInput {
  /** Actual end-of-day stock. */
  onHand: readonly DatedValue[];
  /** Projected end-of-day stock (forecast demand and inbound applied), with the suggested order. */
  projectedOnHand?: readonly DatedValue[] | null;
  /** The same projection without the suggested order. */
  projectedWithoutOrder?: readonly DatedValue[] | null;
  /** Day the suggested order arrives (a vertical marker). */
  orderArrival?: string | null;
  /** Day the next delivery would arrive: the end of the window the order has to cover. */
  nextDelivery?: string | null;
  /** Units arriving per day (open purchase orders). */
  inbound?: readonly DatedValue[] | null;
  /** Forecast demand per day. */
  forecastDemand?: readonly DatedValue[] | null;
  reorderPoint?: number | null;
  safetyStock?: number | null;
  labels?: ProjectedStockLabels;
}

export const STOCK_SERIES = {
  onHand: 'on-hand',
  projected: 'projected-on-hand',
  withoutOrder: 'projected-without-order',
  inbound: 'inbound',
  demand: 'forecast-demand',
  reorderPoint: 'reorder-point',
  safetyStock: 'safety-stock',
} as const;

/** Earliest and latest date across all series, or null when there is no data. */
export function dateDomain(
  ...series: (readonly DatedValue[] | null | undefined)[]
): { min: string; max: string } | null {
  let min: string | null = null;
  let max: string | null = null;
  for (const points of series) {
    for (const p of points ?? []) {
      if (min === null || p.date < min) min = p.date;
      if (max === null || p.date > max) max = p.date;
    }
  }
  return min !== null && max !== null ? { min, max } : null;
}

/** First projected day with no stock left, if any. */
export function firstStockout(
  projected: readonly DatedValue[],
): DatedValue | null {
  return projected.find((p) => p.value !== null && p.value <= 0) ?? null;
}

/** Vertical markers at the order's arrival and the next delivery, or undefined when there are none. */
export function deliveryMarkers(
  input: Pick<ProjectedStockInput, 'orderArrival' | 'nextDelivery'>,
  labels: Pick<ProjectedStockLabels, 'orderArrival' | 'nextDelivery'>,
  color: string,
): LineSeriesOption['markLine'] {
  const data = [
    input.orderArrival
      ? { name: labels.orderArrival, xAxis: input.orderArrival }
      : null,
    input.nextDelivery
      ? {
          name: labels.nextDelivery,
          xAxis: input.nextDelivery,
          lineStyle: { type: 'dotted' as const },
        }
      : null,
  ].filter((d) => d !== null);
  if (!data.length) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color, width: 1.5, type: 'solid' },
    label: { formatter: '{b}', position: 'insideEndTop', color },
    data,
  };
}

/** On hand (actual and projected), inbound bars, forecast demand, reorder point and safety stock. */
export function buildProjectedStockOptions(
  input: ProjectedStockInput,
  ctx: ChartContext,
): ChartOption {
  const { palette, locale } = ctx;
  const labels = input.labels ?? DEFAULT_PROJECTED_STOCK_LABELS;
  const projected = input.projectedOnHand ?? [];
  const withoutOrder = input.projectedWithoutOrder ?? [];
  const inbound = input.inbound ?? [];
  const demand = input.forecastDemand ?? [];
  const domain = dateDomain(
    input.onHand,
    projected,
    withoutOrder,
    inbound,
    demand,
  );
  const total =
    input.onHand.length +
    projected.length +
    withoutOrder.length +
    inbound.length +
    demand.length;

  const pairs = (points: readonly DatedValue[]) =>
    points.map((p): [string, number | null] => [p.date, p.value]);
  const line = (extra: LineSeriesOption): LineSeriesOption => ({
    type: 'line',
    showSymbol: false,
    symbol: 'none',
    ...extra,
  });

  const series: (LineSeriesOption | BarSeriesOption)[] = [
    line({
      id: STOCK_SERIES.onHand,
      name: labels.onHand,
      data: pairs(input.onHand),
      color: palette.onHand,
      step: 'end',
      sampling: 'lttb',
      lineStyle: { width: 2 },
      areaStyle: { color: palette.onHand, opacity: 0.08 },
      z: 3,
    }),
  ];
  if (withoutOrder.length) {
    series.push(
      line({
        id: STOCK_SERIES.withoutOrder,
        name: labels.withoutOrder,
        data: pairs(withoutOrder),
        color: palette.safetyStock,
        step: 'end',
        lineStyle: { width: 1.5, type: 'dotted' },
        z: 2,
      }),
    );
  }
  if (projected.length) {
    const stockout = firstStockout(projected);
    series.push(
      line({
        id: STOCK_SERIES.projected,
        name: labels.projectedOnHand,
        data: pairs(projected),
        color: palette.onHand,
        step: 'end',
        lineStyle: { width: 2, type: 'dashed' },
        z: 3,
        markPoint: stockout
          ? {
              symbol: 'pin',
              symbolSize: 36,
              itemStyle: { color: palette.reorderPoint },
              label: { show: false },
              data: [{ name: labels.stockout, coord: [stockout.date, 0] }],
            }
          : undefined,
        markLine: deliveryMarkers(input, labels, palette.inbound),
      }),
    );
  }
  if (inbound.length) {
    series.push({
      id: STOCK_SERIES.inbound,
      type: 'bar',
      name: labels.inbound,
      data: pairs(inbound),
      color: palette.inbound,
      barMaxWidth: 12,
      z: 2,
    });
  }
  if (demand.length) {
    series.push(
      line({
        id: STOCK_SERIES.demand,
        name: labels.forecastDemand,
        data: pairs(demand),
        color: palette.forecast,
        lineStyle: { width: 1, type: 'dotted' },
        z: 2,
      }),
    );
  }
  const threshold = (id: string, name: string, value: number, color: string) =>
    line({
      id,
      name,
      data: domain
        ? [
            [domain.min, value],
            [domain.max, value],
          ]
        : [],
      color,
      silent: true,
      lineStyle: { width: 1.5, type: 'dashed' },
      z: 1,
    });
  if (input.reorderPoint !== null && input.reorderPoint !== undefined) {
    series.push(
      threshold(
        STOCK_SERIES.reorderPoint,
        labels.reorderPoint,
        input.reorderPoint,
        palette.reorderPoint,
      ),
    );
  }
  if (input.safetyStock !== null && input.safetyStock !== undefined) {
    series.push(
      threshold(
        STOCK_SERIES.safetyStock,
        labels.safetyStock,
        input.safetyStock,
        palette.safetyStock,
      ),
    );
  }

  const lookups = series.map((s) => ({
    name: String(s.name),
    byDate: new Map(
      ((s.data ?? []) as [string, number | null][]).map(([d, v]) => [d, v]),
    ),
    constant:
      s.id === STOCK_SERIES.reorderPoint
        ? input.reorderPoint
        : s.id === STOCK_SERIES.safetyStock
          ? input.safetyStock
          : undefined,
  }));

  return {
    animation: total <= LARGE_SERIES_THRESHOLD,
    grid: { left: 56, right: 24, top: 48, bottom: 40 },
    legend: { type: 'scroll', top: 0, data: series.map((s) => String(s.name)) },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params) => {
        const day = axisDay(params);
        if (!day) {
          return '';
        }
        const rows = lookups
          .map((l) => {
            const value = l.constant ?? l.byDate.get(day);
            return value === undefined || value === null
              ? ''
              : `<div class="sc-tt-row"><span>${escapeHtml(l.name)}</span> <b>${escapeHtml(formatNumber(value, locale))}</b></div>`;
          })
          .join('');
        return `<div class="sc-tt"><div class="sc-tt-date">${escapeHtml(formatDay(day, locale))}</div>${rows}</div>`;
      },
    },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0 },
    series,
  };
}
