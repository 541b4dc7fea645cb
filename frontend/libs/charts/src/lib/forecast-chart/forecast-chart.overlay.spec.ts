import type { LineSeriesOption } from 'echarts/charts';
import { LIGHT_PALETTE } from '../core/chart-palette';
import { seriesOf } from '../core/chart-options';
import type { ForecastPoint } from '../core/chart-types';
import {
  buildForecastChartOptions,
  forecastTooltip,
  DEFAULT_FORECAST_LABELS,
} from './forecast-chart.options';
import {
  type ForecastOverlay,
  overlayColor,
  overlaySeriesId,
} from './forecast-chart.overlay';

const ctx = { palette: LIGHT_PALETTE, locale: 'en' };
const history = [
  { date: '2026-01-01', value: 5 },
  { date: '2026-01-02', value: 7 },
];
const issued = (p50: number): ForecastPoint[] => [
  { date: '2026-01-01', p10: p50 - 2, p50, p90: p50 + 2 },
  { date: '2026-01-02', p10: null, p50: p50 + 1, p90: null },
];
const overlays: ForecastOverlay[] = [
  { key: '2025-12-31', name: 'Issued 31 Dec', points: issued(4) },
  { key: '2025-12-24', name: 'Issued 24 Dec', points: issued(6) },
];

function byId(id: string): LineSeriesOption | undefined {
  return seriesOf(
    buildForecastChartOptions({ history, forecast: [], overlays }, ctx),
  ).find((s) => s.id === id) as LineSeriesOption | undefined;
}

describe('forecast chart overlays', () => {
  it('draws each overlay as a dashed P50 and dotted P10 / P90 in its own colour', () => {
    const p50 = byId(overlaySeriesId('2025-12-31', 'p50'));
    const p10 = byId(overlaySeriesId('2025-12-31', 'p10'));
    const p90 = byId(overlaySeriesId('2025-12-31', 'p90'));
    expect(p50?.data).toEqual([
      ['2026-01-01', 4],
      ['2026-01-02', 5],
    ]);
    expect(p10?.data).toEqual([
      ['2026-01-01', 2],
      ['2026-01-02', null],
    ]);
    expect(p90?.data).toEqual([
      ['2026-01-01', 6],
      ['2026-01-02', null],
    ]);
    expect(p50?.lineStyle).toMatchObject({ type: 'dashed' });
    expect(p10?.lineStyle).toMatchObject({ type: 'dotted' });
    expect(p50?.color).toBe(overlayColor(LIGHT_PALETTE, 0));
    expect(byId(overlaySeriesId('2025-12-24', 'p50'))?.color).toBe(
      overlayColor(LIGHT_PALETTE, 1),
    );
    expect(overlayColor(LIGHT_PALETTE, 0)).not.toBe(LIGHT_PALETTE.forecast);
  });

  it('adds one legend entry per overlay and none without overlays', () => {
    const legend = (o: readonly ForecastOverlay[]) =>
      (
        buildForecastChartOptions(
          { history, forecast: [], overlays: o },
          ctx,
        ) as { legend: { data: string[] } }
      ).legend.data;
    expect(legend(overlays)).toEqual([
      DEFAULT_FORECAST_LABELS.history,
      'Issued 31 Dec',
      'Issued 24 Dec',
    ]);
    expect(legend([])).toEqual([DEFAULT_FORECAST_LABELS.history]);
  });

  it('lists each overlay of the day in the tooltip with its interval', () => {
    const html = forecastTooltip(
      '2026-01-01',
      {
        input: { history, forecast: [], overlays },
        labels: DEFAULT_FORECAST_LABELS,
        markers: [],
        signal: null,
        backtest: [],
      },
      'en',
    );
    expect(html).toContain('Issued 31 Dec</span> <b>4 (2 – 6)</b>');
    expect(html).toContain('Issued 24 Dec</span> <b>6 (4 – 8)</b>');
  });
});
