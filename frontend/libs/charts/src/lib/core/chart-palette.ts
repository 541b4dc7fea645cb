import type { ChartMarkerKind, ChartMode } from './chart-types';

/** Colours a chart needs, per app theme. Chosen for contrast on the M3 surfaces of each mode. */
export interface ChartPalette {
  text: string;
  mutedText: string;
  axis: string;
  grid: string;
  tooltipBackground: string;
  tooltipBorder: string;
  history: string;
  forecast: string;
  band: string;
  backtest: string;
  signal: string;
  reorderPoint: string;
  safetyStock: string;
  inbound: string;
  onHand: string;
  markers: Record<ChartMarkerKind, string>;
  /** Categorical colours for multi-series charts (bars, drivers). */
  series: readonly string[];
}

export const LIGHT_PALETTE: ChartPalette = {
  text: '#1a1c1e',
  mutedText: '#44474e',
  axis: '#74777f',
  grid: '#e0e2ec',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#c4c6d0',
  history: '#3a4a6b',
  forecast: '#0061a4',
  band: 'rgba(0, 97, 164, 0.18)',
  backtest: '#9c4146',
  signal: '#7d5260',
  reorderPoint: '#b3261e',
  safetyStock: '#e8a33d',
  inbound: '#4f7d4a',
  onHand: '#0061a4',
  markers: {
    promotion: 'rgba(255, 167, 38, 0.16)',
    holiday: 'rgba(126, 87, 194, 0.14)',
    event: 'rgba(0, 137, 123, 0.14)',
    closure: 'rgba(117, 117, 117, 0.18)',
    stockout: '#b3261e',
  },
  series: [
    '#0061a4',
    '#4f7d4a',
    '#e8a33d',
    '#9c4146',
    '#7d5260',
    '#00897b',
    '#5c6bc0',
    '#8d6e63',
  ],
};

export const DARK_PALETTE: ChartPalette = {
  text: '#e2e2e6',
  mutedText: '#c4c6d0',
  axis: '#8e9099',
  grid: '#2f3036',
  tooltipBackground: '#1f2023',
  tooltipBorder: '#44474e',
  history: '#c3cde6',
  forecast: '#9ecaff',
  band: 'rgba(158, 202, 255, 0.22)',
  backtest: '#ffb3b0',
  signal: '#efb8c8',
  reorderPoint: '#ffb4ab',
  safetyStock: '#ffd180',
  inbound: '#a5d49a',
  onHand: '#9ecaff',
  markers: {
    promotion: 'rgba(255, 183, 77, 0.18)',
    holiday: 'rgba(179, 157, 219, 0.18)',
    event: 'rgba(128, 203, 196, 0.16)',
    closure: 'rgba(189, 189, 189, 0.16)',
    stockout: '#ffb4ab',
  },
  series: [
    '#9ecaff',
    '#a5d49a',
    '#ffd180',
    '#ffb3b0',
    '#efb8c8',
    '#80cbc4',
    '#9fa8da',
    '#bcaaa4',
  ],
};

export function paletteFor(mode: ChartMode): ChartPalette {
  return mode === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
}

/** ECharts theme object (passed to `echarts.init`) matching a palette. */
export function buildEchartsTheme(
  palette: ChartPalette,
): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: palette.axis } },
    axisTick: { lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.mutedText },
    splitLine: { lineStyle: { color: palette.grid } },
    nameTextStyle: { color: palette.mutedText },
  };
  return {
    color: [...palette.series],
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    legend: { textStyle: { color: palette.text }, inactiveColor: palette.axis },
    tooltip: {
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.tooltipBorder,
      textStyle: { color: palette.text },
    },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    dataZoom: {
      textStyle: { color: palette.mutedText },
      borderColor: palette.grid,
      fillerColor: palette.band,
    },
  };
}
