import type { ChartContext, ChartOption } from '../core/chart-options';

export type SparklineTone = 'neutral' | 'positive' | 'negative';

export interface SparklineInput {
  values: readonly (number | null)[];
  tone?: SparklineTone;
}

/** A tiny trend line without axes, labels or interaction. */
export function buildSparklineOptions(
  input: SparklineInput,
  ctx: ChartContext,
): ChartOption {
  const { palette } = ctx;
  const color =
    input.tone === 'positive'
      ? palette.inbound
      : input.tone === 'negative'
        ? palette.reorderPoint
        : palette.forecast;
  return {
    animation: false,
    grid: { left: 1, right: 1, top: 2, bottom: 2 },
    tooltip: { show: false },
    xAxis: {
      type: 'category',
      show: false,
      boundaryGap: false,
      data: input.values.map((_, i) => i),
    },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        id: 'sparkline',
        type: 'line',
        data: [...input.values],
        color,
        showSymbol: false,
        symbol: 'none',
        silent: true,
        sampling: 'lttb',
        lineStyle: { width: 1.5 },
        areaStyle: { color, opacity: 0.12 },
      },
    ],
  };
}
