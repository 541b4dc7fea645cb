import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  type DataFreshness,
  IMPORT_KINDS,
  type ImportKind,
} from '@shelfcast/contracts';
import {
  DatePipe,
  NumberPipe,
  RelativeTimePipe,
} from '../../core/i18n/format.pipes';
import { kindKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

interface FreshnessCard {
  kind: ImportKind;
  freshness: DataFreshness | null;
}

/** One card per import kind: latest business date, row count, last import. */
@Component({
  selector: 'sc-freshness-cards',
  imports: [TranslatePipe, DatePipe, NumberPipe, RelativeTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (isEmpty()) {
      <p class="empty">{{ 'data.freshness.empty' | t }}</p>
    }
    <ul class="cards">
      @for (card of cards(); track card.kind) {
        <li class="card" [class.card--empty]="!card.freshness?.rows">
          <h3 class="card__kind">{{ kindKey(card.kind) | t }}</h3>
          @if (card.freshness; as f) {
            @if (f.rows) {
              @if (f.lastDate) {
                <p class="card__headline">
                  <span class="sc-visually-hidden"
                    >{{ 'data.freshness.lastDate' | t }}:
                  </span>
                  {{ f.lastDate | scDate }}
                </p>
                <p class="card__meta">
                  {{ 'data.freshness.rows' | t: { rows: (f.rows | scNumber) } }}
                </p>
              } @else {
                <p class="card__headline">
                  {{ 'data.freshness.rows' | t: { rows: (f.rows | scNumber) } }}
                </p>
              }
              @if (f.lastImportAt) {
                <p class="card__meta">
                  {{
                    'data.freshness.lastImport'
                      | t: { when: (f.lastImportAt | scRelative) }
                  }}
                </p>
              }
            } @else {
              <p class="card__meta">{{ 'data.freshness.never' | t }}</p>
            }
          } @else {
            <p class="card__meta">{{ 'data.freshness.never' | t }}</p>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px;
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .card {
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .card--empty {
      background: transparent;
      border-style: dashed;
    }
    .card__kind {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 4px;
    }
    .card__headline {
      font: var(--mat-sys-title-large);
      margin: 0;
    }
    .card__meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 2px 0 0;
    }
    .empty {
      margin: 0 0 12px;
    }
  `,
})
export class FreshnessCards {
  readonly freshness = input.required<readonly DataFreshness[]>();

  protected readonly kindKey = kindKey;

  protected readonly cards = computed<FreshnessCard[]>(() => {
    const byKind = new Map(this.freshness().map((f) => [f.kind, f]));
    return IMPORT_KINDS.map((kind) => ({
      kind,
      freshness: byKind.get(kind) ?? null,
    }));
  });

  protected readonly isEmpty = computed(() =>
    this.freshness().every((f) => !f.rows),
  );
}
