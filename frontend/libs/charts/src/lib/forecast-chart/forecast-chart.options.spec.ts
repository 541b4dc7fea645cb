import type { LineSeriesOption } from 'echarts/charts';
import { LIGHT_PALETTE } from '../core/chart-palette';
import { type ChartOption, seriesOf } from '../core/chart-options';
import type { DatedValue, ForecastPoint } from '../core/chart-types';
import { addDays } from '../core/chart-format';
import {
  DEFAULT_FORECAST_LABELS,
  FORECAST_SERIES,
  type ForecastChartInput,
  buildForecastChartOptions,
  forecastTooltip,
} from './forecast-chart.options';

const ctx = { palette: LIGHT_PALETTE, locale: 'en' };

function days(
  start: string,
  n: number,
  value: (i: number) => number | null,
): DatedValue[] {
  return Array.from({ length: n }, (_, i) => ({
    date: addDays(start, i),
    value: value(i),
  }));
}

const history = days('2026-01-01', 10, (i) => 10 + i);
const forecast: ForecastPoint[] = [
  { date: '2026-01-11', p10: 8, p50: 12, p90: 20 },
  { date: '2026-01-12', p10: null, p50: 13, p90: 21 },
  { date: '2026-01-13', p10: 9, p50: 14, p90: 22 },
];

function build(extra: Partial<ForecastChartInput> = {}): ChartOption {
  return buildForecastChartOptions({ history, forecast, ...extra }, ctx);
}

function byId(option: ChartOption, id: string): LineSeriesOption {
  const found = seriesOf(option).find((s) => s.id === id);
  if (!found) {
    throw new Error(`no series ${id}`);
  }
  return found as LineSeriesOption;
}

describe('buildForecastChartOptions', () => {
  it('draws history as [date, value] pairs, down-sampled with LTTB', () => {
    const s = byId(build(), FORECAST_SERIES.history);
    expect(s.type).toBe('line');
    expect(s.sampling).toBe('lttb');
    expect(s.showSymbol).toBe(false);
    expect(s.data).toEqual(history.map((p) => [p.date, p.value]));
    expect(s.name).toBe(DEFAULT_FORECAST_LABELS.history);
  });

  it('shades the P10–P90 band as a transparent P10 base with the spread stacked on it', () => {
    const option = build();
    const base = byId(option, FORECAST_SERIES.bandBase);
    const band = byId(option, FORECAST_SERIES.band);
    expect(base.stack).toBe(band.stack);
    expect(base.areaStyle).toBeUndefined();
    expect(band.areaStyle).toBeDefined();
    expect(base.lineStyle?.opacity).toBe(0);
    expect(base.data).toEqual([
      ['2026-01-11', 8],
      ['2026-01-12', null],
      ['2026-01-13', 9],
    ]);
    // P90 − P10; a missing bound leaves a gap rather than a wrong band.
    expect(band.data).toEqual([
      ['2026-01-11', 12],
      ['2026-01-12', null],
      ['2026-01-13', 13],
    ]);
    // Never down-sample stacked pairs (they would misalign).
    expect(base.sampling).toBeUndefined();
    expect(band.sampling).toBeUndefined();
    // Both share the legend entry, so one click toggles the whole band.
    expect(base.name).toBe(band.name);
  });

  it('draws the P50 line', () => {
    expect(byId(build(), FORECAST_SERIES.forecast).data).toEqual([
      ['2026-01-11', 12],
      ['2026-01-12', 13],
      ['2026-01-13', 14],
    ]);
  });

  it('omits forecast series when there is no forecast yet', () => {
    const ids = seriesOf(build({ forecast: [] })).map((s) => s.id);
    expect(ids).toEqual([FORECAST_SERIES.history]);
  });

  it('adds an optional dashed backtest line', () => {
    expect(
      seriesOf(build()).some((s) => s.id === FORECAST_SERIES.backtest),
    ).toBe(false);
    const s = byId(
      build({ backtest: days('2026-01-05', 3, () => 11) }),
      FORECAST_SERIES.backtest,
    );
    expect(s.lineStyle?.type).toBe('dashed');
    expect(s.data).toHaveLength(3);
  });

  it('gives the backtest its own legend entry, toggled apart from the forecast, over the actuals it is compared with', () => {
    const backtest = days('2026-01-04', 3, (i) => 20 + i);
    const option = build({
      backtest,
      labels: { ...DEFAULT_FORECAST_LABELS, backtest: 'Backtest (P50)' },
    });
    const s = byId(option, FORECAST_SERIES.backtest);
    expect(s.name).toBe('Backtest (P50)');
    expect(s.data).toEqual([
      ['2026-01-04', 20],
      ['2026-01-05', 21],
      ['2026-01-06', 22],
    ]);
    // A separate name is a separate legend toggle; the band and forecast keep theirs.
    const legend = option.legend as { data: string[]; selectedMode?: unknown };
    expect(legend.data).toEqual([
      DEFAULT_FORECAST_LABELS.history,
      DEFAULT_FORECAST_LABELS.band,
      DEFAULT_FORECAST_LABELS.forecast,
      'Backtest (P50)',
    ]);
    expect(legend.selectedMode).not.toBe(false);
    expect(s.color).toBe(LIGHT_PALETTE.backtest);
    expect(s.color).not.toBe(LIGHT_PALETTE.history);
    // The tooltip of a backtest day shows the actual and the backtest side by side.
    const html = forecastTooltip(
      '2026-01-05',
      {
        input: { history, forecast },
        labels: { ...DEFAULT_FORECAST_LABELS, backtest: 'Backtest (P50)' },
        markers: [],
        signal: null,
        backtest,
      },
      'en',
    );
    expect(html).toContain('Actual</span> <b>14</b>');
    expect(html).toContain('Backtest (P50)</span> <b>21</b>');
  });

  it('shades promotion and holiday periods with inclusive ends, one legend entry per kind', () => {
    const option = build({
      markers: [
        {
          kind: 'promotion',
          start: '2026-01-02',
          end: '2026-01-04',
          label: 'Winter sale',
        },
        { kind: 'promotion', start: '2026-01-08', label: 'Flash deal' },
        { kind: 'holiday', start: '2026-01-01', label: 'New Year' },
      ],
    });
    const promo = byId(option, FORECAST_SERIES.marker('promotion'));
    expect(promo.data).toEqual([]);
    expect(promo.markArea?.data).toEqual([
      [{ name: 'Winter sale', xAxis: '2026-01-02' }, { xAxis: '2026-01-05' }],
      [{ name: 'Flash deal', xAxis: '2026-01-08' }, { xAxis: '2026-01-09' }],
    ]);
    const holiday = byId(option, FORECAST_SERIES.marker('holiday'));
    expect(holiday.markArea?.data).toHaveLength(1);
    expect(
      seriesOf(option).some((s) => s.id === FORECAST_SERIES.marker('closure')),
    ).toBe(false);
    const legend = option.legend as { data: string[] };
    expect(legend.data).toContain('Promotions');
    expect(legend.data).toContain('Holidays');
  });

  it('pins stock-outs on the history line', () => {
    const option = build({
      markers: [
        { kind: 'stockout', start: '2026-01-03', label: 'Out of stock' },
      ],
    });
    const s = byId(option, FORECAST_SERIES.marker('stockout'));
    expect(s.markPoint?.data).toEqual([
      { name: 'Out of stock', coord: ['2026-01-03', 12] },
    ]);
  });

  it('puts a signal on a second y axis', () => {
    const option = build({
      signal: { name: 'CPI', points: days('2026-01-01', 3, (i) => 100 + i) },
    });
    const s = byId(option, FORECAST_SERIES.signal);
    expect(s.yAxisIndex).toBe(1);
    const yAxes = option.yAxis as { position?: string; name?: string }[];
    expect(yAxes).toHaveLength(2);
    expect(yAxes[1]).toMatchObject({ position: 'right', name: 'CPI' });
    expect(build().yAxis as unknown[]).toHaveLength(1);
  });

  it('uses translated labels for series and legend', () => {
    const labels = {
      ...DEFAULT_FORECAST_LABELS,
      history: '实际',
      forecast: '预测',
    };
    const option = build({ labels });
    expect((option.legend as { data: string[] }).data.slice(0, 3)).toEqual([
      '实际',
      'P10–P90',
      '预测',
    ]);
  });

  it('keeps animation for small series and drops it for three years of daily data', () => {
    expect(build()['animation']).toBe(true);
    const threeYears = days(
      '2023-11-28',
      3 * 365,
      (i) => Math.sin(i / 7) * 10 + 50,
    );
    const option = buildForecastChartOptions(
      {
        history: threeYears,
        forecast: Array.from({ length: 90 }, (_, i) => ({
          date: addDays('2026-11-28', i),
          p10: 40,
          p50: 50,
          p90: 60,
        })),
      },
      ctx,
    );
    expect(option['animation']).toBe(false);
    expect(byId(option, FORECAST_SERIES.history).data).toHaveLength(1095);
    expect(byId(option, FORECAST_SERIES.history).sampling).toBe('lttb');
  });

  it('opens long histories on the last year, with inside and slider zoom', () => {
    const long = days('2024-01-01', 800, () => 1);
    const zoom = buildForecastChartOptions({ history: long, forecast: [] }, ctx)
      .dataZoom as {
      type: string;
      startValue?: string;
    }[];
    expect(zoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(zoom[0].startValue).toBe(addDays(long[long.length - 1].date, -365));
    const short = build().dataZoom as { startValue?: string }[];
    expect(short[0].startValue).toBeUndefined();
  });

  it('formats its tooltip through a function using the day under the pointer', () => {
    const option = build();
    const tooltip = option.tooltip as {
      trigger: string;
      formatter: (p: unknown) => string;
    };
    expect(tooltip.trigger).toBe('axis');
    const html = tooltip.formatter([
      { axisValue: new Date(2026, 0, 11).getTime() },
    ]);
    expect(html).toContain('Jan 11, 2026');
    expect(html).toContain('Forecast (P50)');
    expect(html).toContain('8 – 20');
  });
});

describe('forecastTooltip', () => {
  const src = {
    input: { history, forecast },
    labels: DEFAULT_FORECAST_LABELS,
    markers: [
      {
        kind: 'promotion' as const,
        start: '2026-01-02',
        end: '2026-01-04',
        label: '<Sale>',
      },
    ],
    signal: { name: 'CPI', points: [{ date: '2026-01-03', value: 101.256 }] },
    backtest: [{ date: '2026-01-03', value: 11 }],
  };

  it('lists every value of the day, formatted in the locale, with markers escaped', () => {
    const html = forecastTooltip('2026-01-03', src, 'en');
    expect(html).toContain('Actual</span> <b>12</b>');
    expect(html).toContain('Backtest</span> <b>11</b>');
    expect(html).toContain('CPI</span> <b>101.26</b>');
    expect(html).toContain('Promotions: &lt;Sale&gt;');
    expect(html).not.toContain('Forecast');
  });

  it('omits the band when a bound is missing', () => {
    const html = forecastTooltip('2026-01-12', src, 'en');
    expect(html).toContain('Forecast (P50)');
    expect(html).not.toContain('P10–P90');
  });

  it('is empty without a day', () => {
    expect(forecastTooltip(null, src, 'en')).toBe('');
  });
});
