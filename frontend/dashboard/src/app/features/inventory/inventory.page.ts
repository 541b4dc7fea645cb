import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from '../../shared/ui/empty-state';
import { PageHeader } from '../../shared/ui/page-header';

/** Its API is not built yet: says what will appear here and what to do first. */
@Component({
  selector: 'sc-inventory-page',
  imports: [PageHeader, EmptyState, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <sc-page-header
      [title]="'inventory.title' | t"
      [subtitle]="'inventory.subtitle' | t"
    />
    <sc-empty-state
      icon="inventory"
      [title]="'inventory.empty.title' | t"
      [message]="'inventory.empty.message' | t"
      [actionLabel]="'inventory.empty.action' | t"
      actionLink="/data"
    />
  `,
})
export class InventoryPage {}
