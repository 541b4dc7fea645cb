import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { ChartFrame } from '../core/chart-frame';
import { ChartSettings } from '../core/chart-settings';
import type { DatedValue } from '../core/chart-types';
import {
  DEFAULT_PROJECTED_STOCK_LABELS,
  type ProjectedStockLabels,
  buildProjectedStockOptions,
} from './projected-stock-chart.options';

@Component({
  selector: 'sc-projected-stock-chart',
  imports: [ChartFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<sc-chart-frame
    [options]="options()"
    [ariaLabel]="ariaLabel()"
    [description]="description()"
    [height]="height()"
  />`,
})
export class ProjectedStockChart {
  private readonly settings = inject(ChartSettings);

  readonly onHand = input.required<readonly DatedValue[]>();
  readonly projectedOnHand = input<readonly DatedValue[] | null>(null);
  readonly projectedWithoutOrder = input<readonly DatedValue[] | null>(null);
  readonly orderArrival = input<string | null>(null);
  readonly nextDelivery = input<string | null>(null);
  readonly inbound = input<readonly DatedValue[] | null>(null);
  readonly forecastDemand = input<readonly DatedValue[] | null>(null);
  readonly reorderPoint = input<number | null>(null);
  readonly safetyStock = input<number | null>(null);
  readonly labels = input<ProjectedStockLabels>(DEFAULT_PROJECTED_STOCK_LABELS);
  readonly ariaLabel = input.required<string>();
  readonly description = input<string | null>(null);
  readonly height = input('320px');

  readonly options = computed(() =>
    buildProjectedStockOptions(
      {
        onHand: this.onHand(),
        projectedOnHand: this.projectedOnHand(),
        projectedWithoutOrder: this.projectedWithoutOrder(),
        orderArrival: this.orderArrival(),
        nextDelivery: this.nextDelivery(),
        inbound: this.inbound(),
        forecastDemand: this.forecastDemand(),
        reorderPoint: this.reorderPoint(),
        safetyStock: this.safetyStock(),
        labels: this.labels(),
      },
      { palette: this.settings.palette(), locale: this.settings.locale() },
    ),
  );
}
