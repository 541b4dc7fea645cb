import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

/** Its API is not built yet: says what will appear here and what to do first. */
@Component({
  selector: 'sc-forecasts-page',
  imports: [PageHeader, EmptyState, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sc-page-header
      [title]="'forecasts.title' | t"
      [subtitle]="'forecasts.subtitle' | t"
    />
    <sc-empty-state
      icon="forecasts"
      [title]="'forecasts.empty.title' | t"
      [message]="'forecasts.empty.message' | t"
      [actionLabel]="'forecasts.empty.action' | t"
      actionLink="/data"
    />
  `,
})
export class ForecastsPage {}
