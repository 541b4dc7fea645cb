import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  numberAttribute,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ForecastChart } from '@shelfcast/charts';
import type { TranslationKey } from '../../core/i18n/en';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { ForecastLevelsService } from '../../shared/data-access/forecast-levels.service';
import {
  childrenKey,
  levelSelection,
} from '../../shared/data-access/level-selection';
import { KpiCard } from '../../shared/ui/kpi-card';
import { LevelPicker } from '../../shared/ui/level-picker';
import { saveFile } from './forecast-export';

/**
 * The reconciled forecasts per hierarchy level (GET /api/forecasts/levels): a level selector, the
 * node, the chart with the reconciled P10–P90 band, the node's total next to the sum of its
 * children (they are equal: the forecasts are coherent) and the level's CSV. Store managers get
 * the store level of their own stores only.
 */
@Component({
  selector: 'sc-forecast-levels',
  imports: [
    ForecastChart,
    KpiCard,
    ErrorState,
    LevelPicker,
    MatButtonModule,
    TranslatePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="forecast-levels">
      <h2>{{ 'levels.title' | t }}</h2>
      <p class="note">{{ 'levels.intro' | t }}</p>
      <div class="chart-tools">
        <sc-level-picker [selection]="sel" />
        <span class="spacer"></span>
        <button
          mat-stroked-button
          type="button"
          data-testid="download-level-csv"
          (click)="downloadCsv()"
        >
          {{ 'levels.download' | t }}
        </button>
      </div>
      @if (result.error(); as error) {
        <sc-error-state [error]="error" (retry)="result.reload()" />
      } @else if (data(); as d) {
        @if (d.forecast.length) {
          <div class="kpis">
            <sc-kpi-card
              data-testid="level-total"
              [label]="'levels.total' | t: { days: d.forecast.length }"
              [value]="total() | scNumber: 0"
            />
            @if (d.children.length) {
              <sc-kpi-card
                data-testid="level-children-total"
                [label]="
                  'levels.childrenTotal'
                    | t
                      : {
                          count: d.children.length,
                          children: (childrenKey() | t),
                        }
                "
                [value]="childrenTotal() | scNumber: 0"
              />
            }
          </div>
          <sc-forecast-chart
            [history]="history()"
            [forecast]="d.forecast"
            [unit]="'forecasts.chart.units' | t"
            [ariaLabel]="'levels.chart.label' | t: { subject: subject() }"
            height="320px"
          />
          <p class="note">{{ 'levels.method' | t: { method: d.method } }}</p>
        } @else {
          <p class="muted">{{ 'levels.empty' | t }}</p>
        }
      }
    </section>
  `,
})
export class ForecastLevels {
  private readonly api = inject(ForecastLevelsService);

  /** Days of history to show (the explorer's setting). */
  readonly days = input(180, { transform: numberAttribute });

  protected readonly sel = levelSelection(() => this.days());
  protected readonly result = this.sel.result;
  protected readonly data = this.sel.data;
  protected readonly total = this.sel.total;
  protected readonly history = this.sel.history;
  /** The children's P50 summed over the horizon: equal to the total (coherence). */
  protected readonly childrenTotal = computed(() =>
    (this.data()?.children ?? []).reduce(
      (s, c) => s + c.p50.reduce((a, b) => a + b, 0),
      0,
    ),
  );
  protected readonly childrenKey = computed<TranslationKey>(() =>
    childrenKey(this.data()?.level ?? 'chain'),
  );
  protected readonly subject = this.sel.subject;

  protected downloadCsv(): void {
    const level = this.sel.level();
    this.api
      .levelCsv(level)
      .subscribe((csv) =>
        saveFile(`forecast-level-${level}.csv`, csv, 'text/csv;charset=utf-8'),
      );
  }
}
