import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  numberAttribute,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { HIERARCHY_LEVELS, type HierarchyLevel } from '@shelfcast/contracts';
import { ForecastChart } from '@shelfcast/charts';
import { AuthService } from '../../core/auth/auth.service';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard } from '../../shared/ui/kpi-card';
import { saveFile } from './forecast-export';
import { historyValues, horizonTotal } from './forecast-view';
import { ForecastsService } from './forecasts.service';

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
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    NumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="forecast-levels">
      <h2>{{ 'levels.title' | t }}</h2>
      <p class="note">{{ 'levels.intro' | t }}</p>
      <div class="chart-tools">
        <mat-button-toggle-group
          data-testid="hierarchy-level"
          [value]="level()"
          (change)="setLevel($event.value)"
          [attr.aria-label]="'levels.level.label' | t"
          hideSingleSelectionIndicator
        >
          @for (l of levels; track l) {
            <mat-button-toggle [value]="l" [disabled]="!allowed(l)">{{
              levelKey(l) | t
            }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
        @if (level() !== 'chain' && (data()?.nodes ?? []).length) {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'levels.node' | t }}</mat-label>
            <mat-select
              data-testid="hierarchy-node"
              [value]="data()?.key"
              (valueChange)="key.set($event)"
            >
              @for (n of data()?.nodes ?? []; track n.key) {
                <mat-option [value]="n.key">{{ nodeLabel(n) }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
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
  private readonly api = inject(ForecastsService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);

  /** Days of history to show (the explorer's setting). */
  readonly days = input(180, { transform: numberAttribute });

  protected readonly levels = HIERARCHY_LEVELS;
  private readonly manager = computed(
    () => this.auth.role() === 'store_manager',
  );
  private readonly picked = signal<HierarchyLevel | null>(null);
  protected readonly level = computed<HierarchyLevel>(
    () => this.picked() ?? (this.manager() ? 'store' : 'chain'),
  );
  protected readonly key = signal('');

  protected readonly result = remoteFor(
    () => ({ level: this.level(), key: this.key(), days: this.days() }),
    (q) => this.api.level(q.level, q.key, q.days),
  );
  protected readonly data = computed(() => this.result.value() ?? null);
  protected readonly history = computed(() =>
    historyValues(this.data()?.history ?? []),
  );
  protected readonly total = computed(() =>
    horizonTotal(this.data()?.forecast ?? []),
  );
  /** The children's P50 summed over the horizon: equal to the total (coherence). */
  protected readonly childrenTotal = computed(() =>
    (this.data()?.children ?? []).reduce(
      (s, c) => s + c.p50.reduce((a, b) => a + b, 0),
      0,
    ),
  );
  protected readonly childrenKey = computed<TranslationKey>(() =>
    this.data()?.level === 'category'
      ? 'levels.children.products'
      : 'levels.children.stores',
  );
  protected readonly subject = computed(() => {
    const d = this.data();
    const node = d?.nodes.find((n) => n.key === d.key);
    return node
      ? this.nodeLabel(node)
      : this.i18n.t(this.levelKey(this.level()));
  });

  protected allowed(level: HierarchyLevel): boolean {
    return !this.manager() || level === 'store';
  }

  protected levelKey(level: HierarchyLevel): TranslationKey {
    return `levels.level.${level}` as const;
  }

  protected nodeLabel(n: { key: string; label: string }): string {
    return n.label && n.label !== n.key ? `${n.label} (${n.key})` : n.key;
  }

  protected setLevel(level: HierarchyLevel): void {
    this.picked.set(level);
    this.key.set('');
  }

  protected downloadCsv(): void {
    const level = this.level();
    this.api
      .levelCsv(level)
      .subscribe((csv) =>
        saveFile(`forecast-level-${level}.csv`, csv, 'text/csv;charset=utf-8'),
      );
  }
}
