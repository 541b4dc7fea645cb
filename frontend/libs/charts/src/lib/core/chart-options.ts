import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ChartPalette } from './chart-palette';

/** The option shape every builder of the library returns (only the parts registered in echarts-setup). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
>;

export type ChartSeries = LineSeriesOption | BarSeriesOption;

/** What builders need besides the data: colours of the active theme and the active locale. */
export interface ChartContext {
  palette: ChartPalette;
  locale: string;
}

/** Series of an option as an array (ECharts accepts one object or an array). */
export function seriesOf(option: ChartOption): ChartSeries[] {
  const series = option.series;
  if (!series) {
    return [];
  }
  return (Array.isArray(series) ? series : [series]) as ChartSeries[];
}
