import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { LIGHT_PALETTE } from '../core/chart-palette';
import { type ChartOption, seriesOf } from '../core/chart-options';
import {
  STOCK_SERIES,
  buildProjectedStockOptions,
  dateDomain,
  deliveryMarkers,
  firstStockout,
} from './projected-stock-chart.options';

const ctx = { palette: LIGHT_PALETTE, locale: 'en' };
const onHand = [
  { date: '2026-11-26', value: 40 },
  { date: '2026-11-27', value: 30 },
];
const projected = [
  { date: '2026-11-28', value: 20 },
  { date: '2026-11-29', value: 5 },
  { date: '2026-11-30', value: 0 },
  { date: '2026-12-01', value: -3 },
];
const inbound = [{ date: '2026-12-02', value: 48 }];
const demand = [
  { date: '2026-11-28', value: 10 },
  { date: '2026-11-29', value: 15 },
];

function byId(option: ChartOption, id: string) {
  return seriesOf(option).find((s) => s.id === id);
}

describe('buildProjectedStockOptions', () => {
  const option = buildProjectedStockOptions(
    {
      onHand,
      projectedOnHand: projected,
      inbound,
      forecastDemand: demand,
      reorderPoint: 25,
      safetyStock: 10,
    },
    ctx,
  );

  it('draws on hand as a step line and the projection dashed', () => {
    const actual = byId(option, STOCK_SERIES.onHand) as LineSeriesOption;
    expect(actual.step).toBe('end');
    expect(actual.data).toEqual([
      ['2026-11-26', 40],
      ['2026-11-27', 30],
    ]);
    const proj = byId(option, STOCK_SERIES.projected) as LineSeriesOption;
    expect(proj.lineStyle?.type).toBe('dashed');
  });

  it('draws inbound as bars', () => {
    const bars = byId(option, STOCK_SERIES.inbound) as BarSeriesOption;
    expect(bars.type).toBe('bar');
    expect(bars.data).toEqual([['2026-12-02', 48]]);
  });

  it('spans reorder point and safety stock over the whole date range', () => {
    const rop = byId(option, STOCK_SERIES.reorderPoint) as LineSeriesOption;
    expect(rop.data).toEqual([
      ['2026-11-26', 25],
      ['2026-12-02', 25],
    ]);
    const ss = byId(option, STOCK_SERIES.safetyStock) as LineSeriesOption;
    expect(ss.data).toEqual([
      ['2026-11-26', 10],
      ['2026-12-02', 10],
    ]);
  });

  it('pins the first projected stock-out', () => {
    const proj = byId(option, STOCK_SERIES.projected) as LineSeriesOption;
    expect(proj.markPoint?.data).toEqual([
      { name: 'Projected stock-out', coord: ['2026-11-30', 0] },
    ]);
  });

  it('leaves out what is not given', () => {
    const minimal = buildProjectedStockOptions({ onHand }, ctx);
    expect(seriesOf(minimal).map((s) => s.id)).toEqual([STOCK_SERIES.onHand]);
  });

  it('shows thresholds and values of the day in the tooltip', () => {
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ axisValue: '2026-11-29' }]);
    expect(html).toContain('Projected on hand</span> <b>5</b>');
    expect(html).toContain('Forecast demand</span> <b>15</b>');
    expect(html).toContain('Reorder point</span> <b>25</b>');
    expect(html).not.toContain('Inbound');
  });
});

describe('stock helpers', () => {
  it('finds the date domain across series', () => {
    expect(dateDomain(onHand, null, inbound)).toEqual({
      min: '2026-11-26',
      max: '2026-12-02',
    });
    expect(dateDomain([], undefined)).toBeNull();
  });

  it('finds the first day at or below zero', () => {
    expect(firstStockout(projected)).toEqual({ date: '2026-11-30', value: 0 });
    expect(firstStockout(onHand)).toBeNull();
  });
});

describe('the order in the projection', () => {
  const option = buildProjectedStockOptions(
    {
      onHand,
      projectedOnHand: projected,
      projectedWithoutOrder: [
        { date: '2026-11-28', value: 20 },
        { date: '2026-11-29', value: 0 },
      ],
      orderArrival: '2026-11-29',
      nextDelivery: '2026-12-01',
    },
    ctx,
  );

  it('draws the projection without the order beside the one with it', () => {
    const without = byId(option, STOCK_SERIES.withoutOrder) as LineSeriesOption;
    expect(without.name).toBe('Without the order');
    expect(without.data).toEqual([
      ['2026-11-28', 20],
      ['2026-11-29', 0],
    ]);
  });

  it('marks the arrival and the next delivery on the projection with the order', () => {
    const proj = byId(option, STOCK_SERIES.projected) as LineSeriesOption;
    expect(proj.markLine?.data).toEqual([
      { name: 'Order arrives', xAxis: '2026-11-29' },
      expect.objectContaining({ name: 'Next delivery', xAxis: '2026-12-01' }),
    ]);
  });

  it('has no markers without dates', () => {
    expect(
      deliveryMarkers({}, { orderArrival: 'a', nextDelivery: 'b' }, '#000'),
    ).toBeUndefined();
  });
});
