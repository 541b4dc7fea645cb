import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

/** Its API is not built yet: says what will appear here and what to do first. */
@Component({
  selector: 'sc-reports-page',
  imports: [PageHeader, EmptyState, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sc-page-header
      [title]="'reports.title' | t"
      [subtitle]="'reports.subtitle' | t"
    />
    <sc-empty-state
      icon="reports"
      [title]="'reports.empty.title' | t"
      [message]="'reports.empty.message' | t"
      [actionLabel]="'reports.empty.action' | t"
      actionLink="/data"
    />
  `,
})
export class ReportsPage {}
