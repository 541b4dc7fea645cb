import type { BarSeriesOption } from 'echarts/charts';
import { DARK_PALETTE } from '../core/chart-palette';
import { seriesOf } from '../core/chart-options';
import {
  alignToCategories,
  barTooltip,
  buildBarChartOptions,
} from './bar-chart.options';

const ctx = { palette: DARK_PALETTE, locale: 'en' };
const input = {
  categories: ['W1', 'W2', 'W3'],
  series: [
    { name: 'Trend', values: [10, 11, 12] },
    { name: 'Promo', values: [0, 5] },
    { name: 'Price', values: [-2, -1, -3], color: '#123456' },
  ],
};

describe('buildBarChartOptions', () => {
  it('stacks every series on one stack by default, negatives below zero', () => {
    const series = seriesOf(
      buildBarChartOptions(input, ctx),
    ) as BarSeriesOption[];
    expect(series.map((s) => s.stack)).toEqual(['total', 'total', 'total']);
    expect(series.every((s) => s.stackStrategy === 'samesign')).toBe(true);
    expect(series.map((s) => s.type)).toEqual(['bar', 'bar', 'bar']);
  });

  it('groups side by side when not stacked', () => {
    const series = seriesOf(
      buildBarChartOptions({ ...input, stacked: false }, ctx),
    ) as BarSeriesOption[];
    expect(series.every((s) => s.stack === undefined)).toBe(true);
  });

  it('aligns values to categories, padding missing ones', () => {
    const series = seriesOf(
      buildBarChartOptions(input, ctx),
    ) as BarSeriesOption[];
    expect(series[1].data).toEqual([0, 5, null]);
    expect(alignToCategories([1, 2, 3, 4], 2)).toEqual([1, 2]);
  });

  it('uses palette colours unless a series brings its own', () => {
    const series = seriesOf(
      buildBarChartOptions(input, ctx),
    ) as BarSeriesOption[];
    expect(series[0].color).toBe(DARK_PALETTE.series[0]);
    expect(series[1].color).toBe(DARK_PALETTE.series[1]);
    expect(series[2].color).toBe('#123456');
  });

  it('puts categories on the y axis when horizontal', () => {
    const vertical = buildBarChartOptions(input, ctx);
    expect(vertical.xAxis).toMatchObject({
      type: 'category',
      data: ['W1', 'W2', 'W3'],
    });
    expect(vertical.yAxis).toMatchObject({ type: 'value' });
    const horizontal = buildBarChartOptions(
      { ...input, horizontal: true },
      ctx,
    );
    expect(horizontal.yAxis).toMatchObject({ type: 'category' });
    expect(horizontal.xAxis).toMatchObject({ type: 'value' });
  });

  it('lists series in the legend', () => {
    expect(buildBarChartOptions(input, ctx).legend).toMatchObject({
      data: ['Trend', 'Promo', 'Price'],
    });
  });
});

describe('barTooltip', () => {
  const params = [
    { seriesName: 'Trend', value: 10, name: 'W1' },
    { seriesName: 'Promo', value: 5, name: 'W1' },
    { seriesName: 'Price', value: -2, name: 'W1' },
  ];

  it('shows each value with the suffix and the stacked total', () => {
    const html = barTooltip(params, '%', 'en', true);
    expect(html).toContain('W1');
    expect(html).toContain('Promo</span> <b>5%</b>');
    expect(html).toContain('Σ <b>13%</b>');
  });

  it('has no total for grouped bars, and nothing for no params', () => {
    expect(barTooltip(params, '', 'en', false)).not.toContain('Σ');
    expect(barTooltip([], '', 'en', true)).toBe('');
  });
});
