import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'sc-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="header">
      <div>
        <h1 class="header__title">{{ title() }}</h1>
        @if (subtitle()) {
          <p class="header__subtitle">{{ subtitle() }}</p>
        }
      </div>
      <ng-content />
    </header>
  `,
  styles: `
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 8px 16px;
      margin-bottom: 24px;
    }
    .header__title {
      font: var(--mat-sys-headline-small);
      margin: 0;
    }
    .header__subtitle {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
    }
  `,
})
export class PageHeader {
  readonly title = input.required<string>();
  readonly subtitle = input<string | null>(null);
}
