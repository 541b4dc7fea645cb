import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BarChart } from '../bar-chart/bar-chart';
import { ForecastChart } from '../forecast-chart/forecast-chart';
import { ProjectedStockChart } from '../projected-stock-chart/projected-stock-chart';
import { Sparkline } from '../sparkline/sparkline';
import { ChartSettings } from './chart-settings';
import { type FakeChart, provideChartsForTesting } from './provide-charts';

@Component({
  imports: [ForecastChart, Sparkline, BarChart, ProjectedStockChart],
  template: `
    <sc-forecast-chart
      [history]="history()"
      [forecast]="[{ date: '2026-01-03', p10: 1, p50: 2, p90: 3 }]"
      ariaLabel="Sales and forecast"
    />
    <sc-sparkline [values]="[1, 2, 3]" ariaLabel="Trend" />
    <sc-bar-chart
      [categories]="['a']"
      [series]="[{ name: 'x', values: [1] }]"
      ariaLabel="Drivers"
    />
    <sc-projected-stock-chart
      [onHand]="history()"
      [reorderPoint]="5"
      ariaLabel="Stock"
    />
  `,
})
class Host {
  readonly history = signal([
    { date: '2026-01-01', value: 4 },
    { date: '2026-01-02', value: 6 },
  ]);
}

describe('chart components', () => {
  let charts: FakeChart[];

  beforeEach(() => {
    charts = [];
    TestBed.configureTestingModule({
      providers: [provideChartsForTesting(charts)],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    // ngx-echarts initialises the chart in a timeout after view init.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return fixture;
  }

  it('render an accessible image per chart and hand options to ECharts', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    const labels = Array.from(el.querySelectorAll('[role="img"]')).map((e) =>
      e.getAttribute('aria-label'),
    );
    expect(labels).toEqual(['Sales and forecast', 'Trend', 'Drivers', 'Stock']);
    expect(charts).toHaveLength(4);
    expect(charts.every((c) => c.options.length === 1)).toBe(true);
  });

  it('re-create the charts with the other palette when the theme mode switches', async () => {
    const fixture = await render();
    const settings = TestBed.inject(ChartSettings);
    settings.mode.set('dark');
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(charts.length).toBe(8);
    expect(charts.slice(0, 4).every((c) => c.isDisposed())).toBe(true);
  });

  it('update options when inputs change', async () => {
    const fixture = await render();
    fixture.componentInstance.history.set([{ date: '2026-01-01', value: 9 }]);
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    expect(charts[0].options.length).toBeGreaterThan(1);
  });
});
