import type { LineSeriesOption } from 'echarts/charts';
import { LIGHT_PALETTE } from '../core/chart-palette';
import { seriesOf } from '../core/chart-options';
import { buildSparklineOptions } from './sparkline.options';

const ctx = { palette: LIGHT_PALETTE, locale: 'en' };

describe('buildSparklineOptions', () => {
  it('draws the values as a bare line without axes, tooltip or animation', () => {
    const option = buildSparklineOptions({ values: [1, null, 3] }, ctx);
    const [series] = seriesOf(option) as LineSeriesOption[];
    expect(series.data).toEqual([1, null, 3]);
    expect(series.silent).toBe(true);
    expect(option['animation']).toBe(false);
    expect(option.tooltip).toEqual({ show: false });
    expect(option.xAxis).toMatchObject({ show: false, data: [0, 1, 2] });
    expect(option.yAxis).toMatchObject({ show: false, scale: true });
  });

  it('colours by tone', () => {
    const colour = (tone: 'neutral' | 'positive' | 'negative') =>
      (
        seriesOf(
          buildSparklineOptions({ values: [1], tone }, ctx),
        )[0] as LineSeriesOption
      ).color;
    expect(colour('neutral')).toBe(LIGHT_PALETTE.forecast);
    expect(colour('positive')).toBe(LIGHT_PALETTE.inbound);
    expect(colour('negative')).toBe(LIGHT_PALETTE.reorderPoint);
  });
});
