import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import type { MetricRow } from '@shelfcast/contracts';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** Backtest metrics per category or per store. */
@Component({
  selector: 'sc-metrics-table',
  imports: [TranslatePipe, NumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="sc-table-scroll">
      <table class="sc-table" [attr.aria-label]="caption()">
        <thead>
          <tr>
            <th scope="col">{{ keyLabel() }}</th>
            <th scope="col" class="num">{{ 'models.metrics.series' | t }}</th>
            <th scope="col" class="num">{{ 'metric.wape' | t }}</th>
            <th scope="col" class="num">{{ 'metric.mase' | t }}</th>
            <th scope="col" class="num">{{ 'metric.bias' | t }}</th>
            <th scope="col" class="num">{{ 'metric.coverageShort' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of rows(); track r.key) {
            <tr>
              <th scope="row" class="key">
                {{ r.key || ('models.metrics.overall' | t) }}
              </th>
              <td class="num">{{ r.series | scNumber }}</td>
              <td class="num">{{ i18n.formatPercent(r.wape) }}</td>
              <td class="num">{{ r.mase | scNumber: 2 }}</td>
              <td class="num">{{ i18n.formatPercent(r.bias) }}</td>
              <td class="num">{{ i18n.formatPercent(r.coverage) }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="6" class="none">{{ 'models.metrics.none' | t }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .key {
      font-weight: normal;
      text-align: start;
      overflow-wrap: anywhere;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MetricsTable {
  protected readonly i18n = inject(I18n);
  readonly rows = input.required<readonly MetricRow[]>();
  readonly keyLabel = input.required<string>();
  readonly caption = input.required<string>();
}
