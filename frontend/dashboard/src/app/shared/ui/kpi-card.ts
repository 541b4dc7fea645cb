import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { Sparkline, type SparklineTone } from '@shelfcast/charts';
import { Icon, type IconName } from './icon';

export interface KpiComparison {
  /** Already formatted, e.g. "+4.2% vs last week" or "3 days ago". */
  text: string;
  direction?: 'up' | 'down' | 'flat' | null;
  /** Whether the change is good news (colours it); null keeps it neutral. */
  good?: boolean | null;
}

/** A key figure: label, value, optional comparison and sparkline. */
@Component({
  selector: 'sc-kpi-card',
  imports: [Icon, Sparkline],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kpi" [attr.aria-label]="label()">
      <h2 class="kpi__label">{{ label() }}</h2>
      @if (value() !== null) {
        <p
          class="kpi__value"
          [class.kpi__value--status]="status() !== null"
          [attr.data-status]="status()"
        >
          {{ value() }}
        </p>
        @if (comparison(); as c) {
          <p
            class="kpi__comparison"
            [class.kpi__comparison--good]="c.good === true"
            [class.kpi__comparison--bad]="c.good === false"
          >
            @if (directionIcon(); as icon) {
              <sc-icon [name]="icon" [size]="16" />
            }
            {{ c.text }}
          </p>
        }
        @if (sparkline(); as values) {
          <sc-sparkline
            class="kpi__sparkline"
            [values]="values"
            [tone]="tone()"
            [ariaLabel]="label()"
          />
        }
      } @else {
        <ng-content />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .kpi {
      height: 100%;
      box-sizing: border-box;
      padding: 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .kpi__label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .kpi__value {
      font: var(--mat-sys-headline-medium);
      margin: 0;
    }
    .kpi__value[data-status='bad'] {
      color: var(--mat-sys-error);
    }
    .kpi__comparison {
      display: flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
    }
    .kpi__comparison--good {
      color: var(--sc-positive);
    }
    .kpi__comparison--bad {
      color: var(--mat-sys-error);
    }
    .kpi__sparkline {
      margin-top: 8px;
    }
  `,
})
export class KpiCard {
  readonly label = input.required<string>();
  /** Formatted value; null shows the projected content instead (e.g. an empty state). */
  readonly value = input<string | null>(null);
  readonly comparison = input<KpiComparison | null>(null);
  readonly sparkline = input<readonly (number | null)[] | null>(null);
  /** 'bad' colours the value as an alert (e.g. a degraded service). */
  readonly status = input<'good' | 'bad' | null>(null);

  protected readonly directionIcon = computed<IconName | null>(() => {
    switch (this.comparison()?.direction) {
      case 'up':
        return 'arrowUp';
      case 'down':
        return 'arrowDown';
      case 'flat':
        return 'flat';
      default:
        return null;
    }
  });

  protected readonly tone = computed<SparklineTone>(() => {
    const good = this.comparison()?.good;
    return good === true ? 'positive' : good === false ? 'negative' : 'neutral';
  });
}
