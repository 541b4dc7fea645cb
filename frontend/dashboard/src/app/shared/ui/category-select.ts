import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { categoryOptions } from '../../core/util/category-options';

/**
 * A category filter: every level of the given category paths, indented by depth (the API matches
 * path prefixes, so a whole department can be picked). Texts are translated by the caller; with
 * `allLabel` the first option (value '') means "any category".
 */
@Component({
  selector: 'sc-category-select',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-select [value]="value()" (valueChange)="valueChange.emit($event)">
        @if (allLabel(); as all) {
          <mat-option value="">{{ all }}</mat-option>
        }
        @for (c of options(); track c.path) {
          <mat-option
            [value]="c.path"
            [style.padding-inline-start.px]="16 + c.depth * 16"
            >{{ c.path }}</mat-option
          >
        }
      </mat-select>
    </mat-form-field>
  `,
  // The field takes part in its parent's layout as if it were written there.
  styles: ':host { display: contents; }',
})
export class CategorySelect {
  readonly label = input.required<string>();
  readonly value = input<string | null | undefined>('');
  readonly categories = input<readonly { path: string }[] | null | undefined>(
    [],
  );
  readonly allLabel = input<string | null>(null);
  readonly valueChange = output<string>();

  protected readonly options = computed(() =>
    categoryOptions((this.categories() ?? []).map((c) => c.path)),
  );
}
