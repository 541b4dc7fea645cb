import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Icon, type IconName } from './icon';

/**
 * What will appear here and what to do next, instead of fake numbers. Texts are already
 * translated by the caller.
 */
@Component({
  selector: 'sc-empty-state',
  imports: [Icon, RouterLink, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty" [class.empty--compact]="compact()">
      <sc-icon
        class="empty__icon"
        [name]="icon()"
        [size]="compact() ? 28 : 48"
      />
      <h2 class="empty__title">{{ title() }}</h2>
      <p class="empty__message">{{ message() }}</p>
      @if (actionLabel() && actionLink()) {
        <a mat-flat-button [routerLink]="actionLink()">{{ actionLabel() }}</a>
      }
    </div>
  `,
  styles: `
    .empty {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 8px;
      padding: 48px 16px;
      max-width: 560px;
      margin: 0 auto;
    }
    .empty--compact {
      padding: 12px 0;
      margin: 0;
      align-items: flex-start;
      text-align: start;
    }
    .empty__icon {
      color: var(--mat-sys-primary);
    }
    .empty__title {
      font: var(--mat-sys-title-large);
      margin: 0;
    }
    .empty--compact .empty__title {
      font: var(--mat-sys-title-small);
    }
    .empty__message {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
  `,
})
export class EmptyState {
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly icon = input<IconName>('info');
  readonly actionLabel = input<string | null>(null);
  readonly actionLink = input<string | null>(null);
  readonly compact = input(false);
}
