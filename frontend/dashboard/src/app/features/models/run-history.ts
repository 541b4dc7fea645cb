import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RunHistoryEvent, RunHistoryKind } from '@shelfcast/contracts';
import type { TranslationKey } from '../../core/i18n/en';
import { DateTimePipe } from '../../core/i18n/format.pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** One label per kind: a new kind in the contracts fails the typecheck until it is named here. */
const KIND_KEYS: Record<RunHistoryKind, TranslationKey> = {
  started: 'models.runHistory.kind.started',
  interrupted: 'models.runHistory.kind.interrupted',
  resumed: 'models.runHistory.kind.resumed',
};

/**
 * A run's execution history (started, interrupted by a dead process, resumed from its finished
 * shards) as a short timeline, oldest first, in the run's detail.
 */
@Component({
  selector: 'sc-run-history',
  imports: [TranslatePipe, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (events().length) {
      <h3 id="run-history-title">{{ 'models.runHistory.title' | t }}</h3>
      <ol class="timeline" aria-labelledby="run-history-title">
        @for (e of events(); track $index) {
          <li class="event" [attr.data-kind]="e.kind">
            <time class="event__at" [attr.datetime]="e.at">{{
              e.at | scDateTime
            }}</time>
            <span class="event__kind">{{ kindKey(e.kind) | t }}</span>
            @if (e.note) {
              <span class="event__note">{{ e.note }}</span>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    h3 {
      margin: 16px 0 8px;
    }
    .timeline {
      list-style: none;
      margin: 0;
      padding: 0 0 0 12px;
      border-left: 2px solid var(--mat-sys-outline-variant);
    }
    .event {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 4px 0;
    }
    .event__at {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .event__kind {
      font-weight: 500;
    }
    .event[data-kind='interrupted'] .event__kind {
      color: var(--mat-sys-error);
    }
    .event__note {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RunHistory {
  /** Oldest first, as the run detail lists them. */
  readonly events = input<readonly RunHistoryEvent[]>([]);

  protected kindKey(kind: RunHistoryKind): TranslationKey {
    return KIND_KEYS[kind];
  }
}
