import * as echarts from 'echarts';

/** One store's forecast over the horizon: the sum of its series' final P50 and an approximate band. */
export interface StoreForecastSeries {
  dates: string[];
  p10: number[];
  p50: number[];
  p90: number[];
}

/**
 * The ECharts option of the store summary's chart: P10–P90 band (stacked areas) and the P50 line.
 * The PDF draws exactly what ECharts renders from this option (SSR SVG, see svg-to-pdf.ts).
 */
export function storeForecastOption(
  series: StoreForecastSeries,
): echarts.EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 28, bottom: 36 },
    legend: { top: 0, data: ['P50', 'P10–P90'] },
    xAxis: {
      type: 'category',
      data: series.dates.map((d) => d.slice(5)),
      boundaryGap: false,
    },
    yAxis: { type: 'value', name: 'units' },
    series: [
      {
        name: 'P10',
        type: 'line',
        data: series.p10,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
      },
      {
        name: 'P10–P90',
        type: 'line',
        data: series.p90.map((v, i) => Math.max(0, v - series.p10[i])),
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: '#5070dd', opacity: 0.18 },
        itemStyle: { color: '#5070dd' },
      },
      {
        name: 'P50',
        type: 'line',
        data: series.p50,
        symbol: 'none',
        lineStyle: { width: 2, color: '#1f3a5f' },
        itemStyle: { color: '#1f3a5f' },
      },
    ],
  };
}

/** Renders an option to an SVG string with ECharts' server-side renderer (no DOM). */
export function renderChartSvg(
  option: echarts.EChartsCoreOption,
  width: number,
  height: number,
): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width,
    height,
  });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
