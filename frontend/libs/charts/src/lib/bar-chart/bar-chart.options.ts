import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, formatNumber } from '../core/chart-format';
import type { ChartContext, ChartOption } from '../core/chart-options';

export interface BarSeries {
  name: string;
  /** One value per category; missing values are treated as no bar. */
  values: readonly (number | null)[];
  color?: string;
}

export interface BarChartInput {
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Stack the series (the default, e.g. for driver breakdowns); false puts them side by side. */
  stacked?: boolean;
  /** Categories along the y axis (long labels such as driver names read better this way). */
  horizontal?: boolean;
  /** Appended to values in the tooltip, e.g. "%" or " units". */
  valueSuffix?: string;
}

/** Pads or truncates a series to the number of categories. */
export function alignToCategories(
  values: readonly (number | null)[],
  count: number,
): (number | null)[] {
  return Array.from({ length: count }, (_, i) => values[i] ?? null);
}

/** Stacked (or grouped) bars; negative contributions stack below zero. */
export function buildBarChartOptions(
  input: BarChartInput,
  ctx: ChartContext,
): ChartOption {
  const { palette, locale } = ctx;
  const stacked = input.stacked ?? true;
  const suffix = input.valueSuffix ?? '';
  const categoryAxis = {
    type: 'category' as const,
    data: [...input.categories],
  };
  const valueAxis = { type: 'value' as const };

  const series: BarSeriesOption[] = input.series.map((s, i) => ({
    id: `bar-${i}`,
    type: 'bar',
    name: s.name,
    data: alignToCategories(s.values, input.categories.length),
    color: s.color ?? palette.series[i % palette.series.length],
    stack: stacked ? 'total' : undefined,
    stackStrategy: 'samesign',
    barMaxWidth: 36,
    emphasis: { focus: 'series' },
  }));

  return {
    animation: input.categories.length * input.series.length <= 2000,
    grid: { left: input.horizontal ? 120 : 56, right: 24, top: 40, bottom: 40 },
    legend: { type: 'scroll', top: 0, data: input.series.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params) => barTooltip(params, suffix, locale, stacked),
    },
    xAxis: input.horizontal ? valueAxis : categoryAxis,
    yAxis: input.horizontal ? categoryAxis : valueAxis,
    series,
  };
}

interface BarTooltipParam {
  seriesName?: string;
  value?: unknown;
  name?: string;
  color?: unknown;
}

export function barTooltip(
  params: unknown,
  suffix: string,
  locale: string,
  withTotal: boolean,
): string {
  const list = (Array.isArray(params) ? params : [params]) as BarTooltipParam[];
  if (!list.length) {
    return '';
  }
  let total = 0;
  const rows = list.map((p) => {
    const value = typeof p.value === 'number' ? p.value : null;
    total += value ?? 0;
    return `<div class="sc-tt-row"><span>${escapeHtml(p.seriesName ?? '')}</span> <b>${escapeHtml(formatNumber(value, locale) + (value === null ? '' : suffix))}</b></div>`;
  });
  const footer =
    withTotal && list.length > 1
      ? `<div class="sc-tt-total">Σ <b>${escapeHtml(formatNumber(total, locale) + suffix)}</b></div>`
      : '';
  return `<div class="sc-tt"><div class="sc-tt-date">${escapeHtml(list[0]?.name ?? '')}</div>${rows.join('')}${footer}</div>`;
}
