import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { RunScopeType, RunStatus, RunTrigger } from '@shelfcast/contracts';
import { isRunFinished } from '@shelfcast/contracts';
import { Sparkline } from '@shelfcast/charts';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remote } from '../../core/http/remote';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import {
  DateTimePipe,
  DurationPipe,
  NumberPipe,
  RelativeTimePipe,
} from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  injectQueryParams,
  stringParam,
} from '../../core/url-state/query-params';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard } from '../../shared/ui/kpi-card';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { MetricsTable } from './metrics-table';
import { RunAlerts } from './run-alerts';
import { RunHistory } from './run-history';
import {
  activeRun,
  lastScheduledRun,
  promotedWapes,
  relativeChange,
} from './models-view';
import { ModelsService, type TriggerResult } from './models.service';
import { CategorySelect } from '../../shared/ui/category-select';
import { StoreSelect } from '../../shared/ui/store-select';

export const RUN_SCOPES = ['all', 'store', 'category'] as const;

import { progressView } from './progress-view';
@Component({
  selector: 'sc-models-page',
  imports: [
    RunAlerts,
    RunHistory,
    CategorySelect,
    StoreSelect,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingSkeleton,
    KpiCard,
    MetricsTable,
    Sparkline,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    TranslatePipe,
    NumberPipe,
    DateTimePipe,
    DurationPipe,
    RelativeTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './models.page.html',
  styleUrl: './models.page.scss',
})
export class ModelsPage {
  private readonly api = inject(ModelsService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);
  protected readonly scopes = RUN_SCOPES;

  /** The run whose details are open (default: the champion), in the URL. */
  protected readonly query = injectQueryParams({ run: stringParam() });

  protected readonly runs = remote(() => this.api.runs());
  protected readonly accuracy = remote(() => this.api.accuracy());
  protected readonly schedule = remote(() => this.api.schedule());
  protected readonly stores = remote(() => this.api.stores());
  protected readonly categories = remote(() => this.api.categories());

  protected readonly canTrain = computed(() => {
    this.auth.role();
    return this.auth.can('train');
  });

  protected readonly championId = computed(
    () => this.accuracy.value()?.runId ?? null,
  );
  protected readonly selectedId = computed(
    () => this.query.state().run || this.championId(),
  );
  protected readonly detail = remoteFor(
    () => this.selectedId(),
    (id) => this.api.run(id),
  );
  protected readonly metrics = remoteFor(
    () => this.selectedId(),
    (id) => this.api.metrics(id),
  );

  /** Live progress of the active run (server-sent events). */
  protected readonly progress = toSignal(this.api.progress(), {
    initialValue: null,
  });
  protected readonly liveProgress = computed(() => {
    const p = this.progress();
    return p && !isRunFinished(p.status) ? p : null;
  });

  protected readonly nothingYet = computed(
    () =>
      this.runs.state().status === 'ok' &&
      (this.runs.value() ?? []).length === 0 &&
      this.accuracy.state().status === 'ok' &&
      this.championId() === null &&
      !this.liveProgress(),
  );

  protected readonly wapes = computed(() =>
    promotedWapes(this.runs.value() ?? []),
  );
  protected readonly wapeValues = computed(() =>
    this.wapes().map((w) => w.wape),
  );
  protected readonly wapeTrend = computed(() => {
    const w = this.wapes();
    return w.length < 2
      ? null
      : relativeChange(w[0].wape, w[w.length - 1].wape);
  });
  protected readonly active = computed(() =>
    activeRun(this.runs.value() ?? []),
  );
  protected readonly lastScheduled = computed(() =>
    lastScheduledRun(this.runs.value() ?? []),
  );

  // Retrain form
  protected readonly scope = signal<RunScopeType>('all');
  protected readonly scopeKey = signal('');
  protected readonly triggering = signal(false);
  protected readonly triggerResult = signal<TriggerResult | null>(null);
  protected readonly triggerError = signal<ApiError | null>(null);

  constructor() {
    // When the live run ends, the history and the champion may have changed.
    let lastStatus: RunStatus | null = null;
    effect(() => {
      const p = this.progress();
      if (!p) {
        return;
      }
      const finishedNow =
        isRunFinished(p.status) &&
        lastStatus !== null &&
        !isRunFinished(lastStatus);
      lastStatus = p.status;
      if (finishedNow) {
        untracked(() => {
          this.runs.reload();
          this.accuracy.reload();
          this.detail.reload();
          this.metrics.reload();
        });
      }
    });
  }

  protected statusKey(status: RunStatus): TranslationKey {
    return `run.status.${status}` as const;
  }

  protected triggerKey(trigger: RunTrigger): TranslationKey {
    return `run.trigger.${trigger}` as const;
  }

  protected scopeLabel(scope: RunScopeType): TranslationKey {
    return `run.scope.${scope}` as const;
  }

  protected isFinished(status: RunStatus): boolean {
    return isRunFinished(status);
  }

  protected readonly progressView = progressView;

  protected eta(seconds: number | null): string {
    return seconds === null
      ? this.i18n.t('models.progress.etaUnknown')
      : this.i18n.t('models.progress.eta', {
          eta: this.i18n.formatDuration(seconds * 1000),
        });
  }

  protected select(runId: string): void {
    void this.query.patch({
      run: runId === this.championId() ? '' : runId,
    });
  }

  protected setScope(scope: RunScopeType): void {
    this.scope.set(scope);
    this.scopeKey.set('');
  }

  protected readonly canSubmit = computed(
    () =>
      !this.triggering() && (this.scope() === 'all' || this.scopeKey() !== ''),
  );

  protected retrain(): void {
    if (!this.canSubmit()) {
      return;
    }
    this.triggering.set(true);
    this.triggerError.set(null);
    this.triggerResult.set(null);
    const sub = this.api
      .trigger({ scope: this.scope(), key: this.scopeKey() || undefined })
      .subscribe({
        next: (result) => {
          this.triggering.set(false);
          this.triggerResult.set(result);
          this.runs.reload();
        },
        error: (error: unknown) => {
          this.triggering.set(false);
          this.triggerError.set(toApiError(error));
        },
      });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }
}
