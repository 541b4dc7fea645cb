import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type {
  DecisionHistoryEntry,
  RecommendationLine,
} from '@shelfcast/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { type ApiError, toApiError } from '../../core/http/api-error';
import { remoteFor } from '../../core/http/remote-for';
import type { TranslationKey } from '../../core/i18n/en';
import { DateTimePipe, NumberPipe } from '../../core/i18n/format.pipes';
import { I18n } from '../../core/i18n/i18n';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ErrorState } from '../../shared/ui/error-state';
import { InventoryService } from './inventory.service';

/**
 * A line's approval state and decision history: an adjustment above the plausibility limits waits
 * for a second approval, which a planner other than the one who adjusted can give here.
 */
@Component({
  selector: 'sc-adjustment-approval',
  imports: [
    MatButtonModule,
    TranslatePipe,
    NumberPipe,
    DateTimePipe,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (line().status === 'pending_approval') {
      <section class="approval" role="status" aria-live="polite">
        <h3>{{ 'inventory.approval.title' | t }}</h3>
        <p>
          {{
            'inventory.approval.waiting'
              | t
                : {
                    qty: (line().finalQty | scNumber),
                    suggested: (line().recommendedQty | scNumber),
                    user: line().decidedBy ?? '–',
                    reason: line().reason ?? '–',
                  }
          }}
        </p>
        @if (canApprove()) {
          @if (ownAdjustment()) {
            <p class="muted">{{ 'inventory.approval.notYours' | t }}</p>
          } @else {
            <button
              mat-flat-button
              type="button"
              [disabled]="busy()"
              (click)="approve()"
            >
              {{ 'inventory.approval.approve' | t }}
            </button>
          }
        } @else {
          <p class="muted">{{ 'inventory.approval.plannerOnly' | t }}</p>
        }
        @if (error(); as e) {
          <sc-error-state [error]="e" (retry)="error.set(null)" />
        }
      </section>
    } @else if (line().approvedBy) {
      <p class="muted">
        {{
          'inventory.approval.approvedBy'
            | t
              : {
                  user: line().approvedBy ?? '–',
                  at: (line().approvedAt | scDateTime),
                }
        }}
      </p>
    }
    <details
      class="history"
      (toggle)="historyOpen.set($any($event.target).open === true)"
    >
      <summary>{{ 'inventory.history.title' | t }}</summary>
      @if (history.value(); as entries) {
        <ol>
          @for (h of entries; track h.id) {
            <li>
              {{
                'inventory.history.entry'
                  | t
                    : {
                        at: (h.at | scDateTime),
                        actor: h.actor ?? '–',
                        action: (actionKey(h) | t),
                        from: (h.fromQty | scNumber),
                        to: (h.toQty | scNumber),
                        status: (statusKey(h) | t),
                        reason: h.reason ?? '–',
                      }
              }}
            </li>
          }
        </ol>
      }
    </details>
  `,
  styles: `
    .approval {
      border-left: 4px solid var(--sc-warn, #b26a00);
      padding: 0 12px;
      margin: 12px 0;
    }
    .history ol {
      padding-left: 20px;
      margin: 4px 0;
    }
  `,
})
export class AdjustmentApprovalComponent {
  private readonly api = inject(InventoryService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);

  readonly line = input.required<RecommendationLine>();
  /** The line after a second approval. */
  readonly changed = output<RecommendationLine>();

  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  /** Loaded when opened, and again whenever the line's decision changes. */
  protected readonly historyOpen = signal(false);
  protected readonly history = remoteFor(
    () => {
      if (!this.historyOpen()) return null;
      const l = this.line();
      return { id: l.id, status: l.status, at: l.decidedAt, ok: l.approvedAt };
    },
    (p) => this.api.history(p.id),
  );

  /** Planners and admins give second approvals (the API checks the same). */
  protected readonly canApprove = computed(() => {
    const role = this.auth.role();
    return role === 'planner' || role === 'admin';
  });

  protected readonly ownAdjustment = computed(
    () =>
      !!this.line().decidedBy &&
      this.line().decidedBy === this.auth.user()?.email,
  );

  protected actionKey(h: DecisionHistoryEntry): TranslationKey {
    return `inventory.history.action.${h.action}` as const;
  }

  protected statusKey(h: DecisionHistoryEntry): TranslationKey {
    return `inventory.status.${h.toStatus}` as const;
  }

  protected approve(): void {
    this.busy.set(true);
    this.error.set(null);
    const sub = this.api.secondApproval(this.line().id).subscribe({
      next: (line) => {
        this.busy.set(false);
        this.changed.emit(line);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e));
      },
    });
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }
}
