import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

/** Its API is not built yet: says what will appear here and what to do first. */
@Component({
  selector: 'sc-models-page',
  imports: [PageHeader, EmptyState, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sc-page-header
      [title]="'models.title' | t"
      [subtitle]="'models.subtitle' | t"
    />
    <sc-empty-state
      icon="models"
      [title]="'models.empty.title' | t"
      [message]="'models.empty.message' | t"
      [actionLabel]="'models.empty.action' | t"
      actionLink="/data"
    />
  `,
})
export class ModelsPage {}
