import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { BarChart } from '@shelfcast/charts';
import type { ProofGroupView, ProofSkipReasonCode } from '@shelfcast/contracts';
import { EMPTY, expand, filter, last, switchMap, take, timer } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remote } from '../../core/http/remote';
import type { TranslationKey } from '../../core/i18n/en';
import { DateTimePipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorState } from '../../shared/ui/error-state';
import { KpiCard, type KpiComparison } from '../../shared/ui/kpi-card';
import { LoadingSkeleton } from '../../shared/ui/loading-skeleton';
import { PageHeader } from '../../shared/ui/page-header';
import { saveFile } from '../reports/reports.service';
import {
  PROOF_EXPORT_FORMATS,
  PolicyProofService,
  type ProofExportFormat,
} from './policy-proof.service';
import { fillRateSeries, skippedLines, stockSaving } from './proof-summary';

/** How often a started proof is polled until it finishes. */
const POLL_MS = 1500;

/**
 * Policy proof: the served policy replayed over the recent weeks, target against achieved fill
 * rate and stock against the naive-fed policy, by store and by category; what was skipped and
 * why; the period and the assumptions as the API states them. Planners start a proof here.
 */
@Component({
  selector: 'sc-policy-proof-page',
  imports: [
    BarChart,
    DateTimePipe,
    EmptyState,
    ErrorState,
    KpiCard,
    LoadingSkeleton,
    MatButtonModule,
    NgTemplateOutlet,
    PageHeader,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './policy-proof.page.html',
  styleUrl: './policy-proof.page.scss',
})
export class PolicyProofPage {
  private readonly api = inject(PolicyProofService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);
  protected readonly auth = inject(AuthService);
  protected readonly formats = PROOF_EXPORT_FORMATS;

  protected readonly proof = remote(() => this.api.proof());
  /** 404: no proof has finished yet — the guided empty state, not an error. */
  protected readonly none = computed(
    () => this.proof.error()?.kind === 'not-found',
  );
  protected readonly canRun = computed(() => {
    this.auth.role();
    return this.auth.can('train');
  });
  protected readonly running = signal(false);
  protected readonly runError = signal<ApiError | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly exportError = signal<ApiError | null>(null);

  protected readonly skipped = computed(() => {
    const p = this.proof.value();
    return p ? skippedLines(p) : [];
  });

  protected readonly storeChart = computed(() => this.chart('byStore'));
  protected readonly categoryChart = computed(() => this.chart('byCategory'));

  protected readonly stockComparison = computed<KpiComparison | null>(() => {
    const p = this.proof.value();
    const saving = p ? stockSaving(p.total) : null;
    if (saving === null) return null;
    const pct = this.pct(Math.abs(saving));
    return {
      text: this.i18n.t(
        saving >= 0 ? 'proof.kpi.stockDiff' : 'proof.kpi.stockMore',
        { pct },
      ),
      direction: saving >= 0 ? 'down' : 'up',
      good: saving >= 0,
    };
  });

  /** A fraction as a percentage with one decimal, in the active locale. */
  protected pct(v: number | null): string {
    return this.i18n.formatNumber(v, {
      style: 'percent',
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
    });
  }

  protected num(v: number | null): string {
    return this.i18n.formatNumber(v, { maximumFractionDigits: 1 });
  }

  protected skipKey(reason: string | null): TranslationKey {
    return `proof.skip.${(reason ?? 'unsupported-grain') as ProofSkipReasonCode}`;
  }

  protected saving(g: ProofGroupView): string {
    const s = stockSaving(g);
    return s === null ? this.i18n.t('common.notAvailable') : this.pct(-s);
  }

  /** Starts a proof and polls it; the view shows the new proof when it is done. */
  protected run(): void {
    this.running.set(true);
    this.runError.set(null);
    this.failure.set(null);
    const sub = this.api
      .run()
      .pipe(
        switchMap(({ id }) =>
          this.api.proof(id).pipe(
            expand((p) =>
              p.status === 'running'
                ? timer(POLL_MS).pipe(
                    take(1),
                    switchMap(() => this.api.proof(id)),
                  )
                : EMPTY,
            ),
            filter((p) => p.status !== 'running'),
          ),
        ),
        last(),
      )
      .subscribe({
        next: (p) => {
          if (p.status === 'failed') this.failure.set(p.error ?? '');
          this.running.set(false);
          this.proof.reload();
        },
        error: (e: unknown) => {
          this.runError.set(toApiError(e));
          this.running.set(false);
        },
      });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  protected download(format: ProofExportFormat): void {
    const p = this.proof.value();
    if (!p) return;
    this.exportError.set(null);
    const sub = this.api.download(format, p.id).subscribe({
      next: (file) => saveFile(file),
      error: (e: unknown) => this.exportError.set(toApiError(e)),
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  private chart(which: 'byStore' | 'byCategory') {
    const p = this.proof.value();
    return fillRateSeries(p ? p[which] : [], {
      target: this.i18n.t('proof.series.target'),
      achieved: this.i18n.t('proof.series.achieved'),
      naive: this.i18n.t('proof.series.naive'),
    });
  }
}
