import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type RunProgress,
  type RunSummary,
  isRunFinished,
} from '@shelfcast/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remoteFor } from '../../core/http/remote-for';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ModelsService } from './models.service';

/**
 * Above the models page: a banner when the newest finished run failed or was rejected, naming
 * the cause (the run's message), with a browser notification when the page is in the background;
 * and Cancel (after confirmation) for planners while a run is active.
 */
@Component({
  selector: 'sc-run-alerts',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as f) {
      <div class="banner banner--error" role="alert" [attr.data-run]="f.run.id">
        <p class="banner__text">
          <strong>{{ f.text }}</strong>
          <br />
          {{ 'models.failure.keepsServing' | t }}
        </p>
        <div class="banner__actions">
          <button mat-button type="button" (click)="show.emit(f.run.id)">
            {{ 'models.failure.show' | t }}
          </button>
          <button mat-button type="button" (click)="dismissed.set(f.run.id)">
            {{ 'models.failure.dismiss' | t }}
          </button>
        </div>
      </div>
    }
    @if (canCancel() && activeId(); as id) {
      <div class="cancel">
        <button
          mat-stroked-button
          type="button"
          class="cancel-run"
          [disabled]="cancelling()"
          (click)="cancel(id)"
        >
          {{
            (cancelling() ? 'models.cancel.cancelling' : 'models.cancel.action')
              | t
          }}
        </button>
        @if (cancelError(); as e) {
          <span class="cancel__error" role="alert">{{
            e.detail ?? ('error.client' | t: { status: e.status })
          }}</span>
        }
      </div>
    }
    @if (cancelledId(); as id) {
      <p class="cancel__done" role="status">
        {{ 'models.cancel.done' | t: { id: id.slice(0, 8) } }}
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: var(--mat-sys-corner-medium);
    }
    .banner--error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .banner__text {
      margin: 0;
    }
    .cancel {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 16px;
    }
    .cancel__error {
      color: var(--mat-sys-error);
    }
    .cancel__done {
      margin: 0 0 16px;
    }
  `,
})
export class RunAlerts {
  private readonly api = inject(ModelsService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly window = inject(DOCUMENT).defaultView;

  /** Newest first, as GET /api/training/runs lists them. */
  readonly runs = input<readonly RunSummary[] | null>(null);
  readonly live = input<RunProgress | null>(null);
  /** A run was cancelled: the list should be read again. */
  readonly changed = output<void>();
  /** Open a run's details. */
  readonly show = output<string>();

  protected readonly dismissed = signal<string | null>(null);
  protected readonly cancelling = signal(false);
  protected readonly cancelError = signal<ApiError | null>(null);
  protected readonly cancelledId = signal<string | null>(null);
  private notified: string | null = null;

  protected readonly canCancel = computed(() => {
    this.auth.role();
    return this.auth.can('train');
  });

  protected readonly activeId = computed(() => {
    const live = this.live();
    if (live && !isRunFinished(live.status)) return live.runId;
    return (
      (this.runs() ?? []).find((r) => !isRunFinished(r.status))?.id ?? null
    );
  });

  private readonly lastFailed = computed(() => {
    const last = (this.runs() ?? []).find((r) => isRunFinished(r.status));
    return last && (last.status === 'failed' || last.status === 'rejected')
      ? last
      : null;
  });
  /** The failed run's details: its message is the cause. */
  private readonly detail = remoteFor(
    () => this.lastFailed()?.id ?? null,
    (id) => this.api.run(id),
  );

  protected readonly failure = computed(() => {
    const run = this.lastFailed();
    if (!run || this.dismissed() === run.id) return null;
    const d = this.detail.value();
    const cause =
      (d?.id === run.id ? (d.message ?? d.errors[0]?.message) : null) ||
      this.i18n.t('models.failure.unknownCause');
    const text = this.i18n.t(
      run.status === 'failed'
        ? 'models.failure.failed'
        : 'models.failure.rejected',
      {
        trigger: this.i18n.t(`models.failure.trigger.${run.trigger}`),
        date: this.i18n.formatDateTime(run.finishedAt ?? run.createdAt),
        cause,
      },
    );
    return { run, text };
  });

  constructor() {
    effect(() => {
      const f = this.failure();
      if (f) untracked(() => this.notify(f.run.id, f.text));
    });
  }

  protected cancel(id: string): void {
    if (
      !this.window?.confirm(
        this.i18n.t('models.cancel.confirm', { id: id.slice(0, 8) }),
      )
    )
      return;
    this.cancelling.set(true);
    this.cancelError.set(null);
    this.api.cancel(id).subscribe({
      next: () => {
        this.cancelling.set(false);
        this.cancelledId.set(id);
        this.changed.emit();
      },
      error: (e: unknown) => {
        this.cancelling.set(false);
        this.cancelError.set(toApiError(e));
      },
    });
  }

  /** A system notification when the page is not in view (and the user allowed them). */
  private notify(runId: string, text: string): void {
    if (this.notified === runId) return;
    this.notified = runId;
    const N = (this.window as (Window & typeof globalThis) | null)
      ?.Notification;
    if (!N || N.permission !== 'granted' || !this.window?.document.hidden)
      return;
    new N(this.i18n.t('models.failure.notification'), { body: text });
  }
}
