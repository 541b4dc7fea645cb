import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';

/**
 * A store picker ("Name (code)" per store), the store counterpart of sc-category-select. Texts are
 * translated by the caller; with `allLabel` the first option (value '') means "any store".
 */
@Component({
  selector: 'sc-store-select',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-select [value]="value()" (valueChange)="valueChange.emit($event)">
        @if (allLabel(); as all) {
          <mat-option value="">{{ all }}</mat-option>
        }
        @for (s of stores() ?? []; track s.code) {
          <mat-option [value]="s.code">{{ s.name }} ({{ s.code }})</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  // The field takes part in its parent's layout as if it were written there.
  styles: ':host { display: contents; }',
})
export class StoreSelect {
  readonly label = input.required<string>();
  readonly value = input<string | null | undefined>('');
  readonly stores = input<
    readonly { code: string; name: string }[] | null | undefined
  >([]);
  readonly allLabel = input<string | null>(null);
  readonly valueChange = output<string>();
}
