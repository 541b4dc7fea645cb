import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ForecastChart } from '@shelfcast/charts';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { levelSelection } from '../../shared/data-access/level-selection';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard } from '../../shared/ui/kpi-card';
import { LevelPicker } from '../../shared/ui/level-picker';

/** Days of history the overview's compact chart shows before the forecast. */
export const OVERVIEW_LEVEL_HISTORY_DAYS = 56;

/**
 * The overview's compact card of reconciled forecasts: the same level selector and node picker
 * as the forecasts explorer, the node's horizon total and its chart with the reconciled band.
 */
@Component({
  selector: 'sc-overview-levels',
  imports: [
    ForecastChart,
    KpiCard,
    ErrorState,
    LevelPicker,
    TranslatePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="levels" data-testid="overview-levels">
      <h2 class="levels__title">{{ 'levels.overview.title' | t }}</h2>
      <div class="levels__tools">
        <sc-level-picker [selection]="sel" />
      </div>
      @if (sel.result.error(); as error) {
        <sc-error-state [error]="error" (retry)="sel.result.reload()" />
      } @else if (sel.data(); as d) {
        @if (d.forecast.length) {
          <div class="levels__body">
            <sc-kpi-card
              data-testid="overview-level-total"
              [label]="'levels.total' | t: { days: d.forecast.length }"
              [value]="sel.total() | scNumber: 0"
            />
            <sc-forecast-chart
              [history]="sel.history()"
              [forecast]="d.forecast"
              [unit]="'forecasts.chart.units' | t"
              [ariaLabel]="'levels.chart.label' | t: { subject: sel.subject() }"
              height="220px"
            />
          </div>
        } @else {
          <p class="muted">{{ 'levels.empty' | t }}</p>
        }
      }
    </section>
  `,
  styles: `
    .levels {
      margin-bottom: 24px;
      padding: 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .levels__title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .levels__tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 12px;
    }
    .levels__body {
      display: grid;
      grid-template-columns: minmax(160px, 220px) 1fr;
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 720px) {
      .levels__body {
        grid-template-columns: 1fr;
      }
    }
    .muted {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
  `,
})
export class OverviewLevels {
  protected readonly sel = levelSelection(() => OVERVIEW_LEVEL_HISTORY_DAYS);
}
