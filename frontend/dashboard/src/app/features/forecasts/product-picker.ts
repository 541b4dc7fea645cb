import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  MatAutocompleteModule,
  type MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ProductDto } from '@shelfcast/contracts';
import { catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ForecastsService } from './forecasts.service';

/**
 * Product search with suggestions (SKU, name or brand; within the picked category if any). The
 * placeholder shows the picked product; choosing a suggestion emits it and clears the search.
 */
@Component({
  selector: 'sc-product-picker',
  imports: [
    MatFormFieldModule,
    MatInputModule,
    MatAutocompleteModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ 'forecasts.pick.product' | t }}</mat-label>
      <input
        matInput
        type="search"
        [placeholder]="picked() || ('forecasts.pick.productHint' | t)"
        [value]="search()"
        (input)="onSearch($event)"
        [matAutocomplete]="auto"
      />
      <mat-autocomplete
        #auto="matAutocomplete"
        [displayWith]="productText"
        (optionSelected)="onSelected($event)"
      >
        @for (p of options(); track p.sku) {
          <mat-option [value]="p">
            <span class="sku">{{ p.sku }}</span> {{ p.name }}
          </mat-option>
        } @empty {
          <mat-option disabled>{{
            'forecasts.pick.noProducts' | t
          }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
    .sku {
      font-family: var(--sc-mono, monospace);
      color: var(--mat-sys-on-surface-variant);
      margin-inline-end: 6px;
    }
  `,
})
export class ProductPicker {
  private readonly api = inject(ForecastsService);

  /** Suggestions come from this category only (null: any). */
  readonly category = input<string | null>(null);
  /** The picked product's label, shown as the placeholder. */
  readonly picked = input('');
  readonly productPicked = output<ProductDto>();

  /** Typed text in the search box. */
  protected readonly search = signal('');
  protected readonly options = toSignal(
    toObservable(
      computed(() => ({ search: this.search(), category: this.category() })),
    ).pipe(
      debounceTime(250),
      switchMap(({ search, category }) =>
        this.api.products(search, category).pipe(
          map((page) => page.items),
          catchError(() => of<ProductDto[]>([])),
        ),
      ),
    ),
    { initialValue: [] },
  );

  protected onSearch(event: Event): void {
    this.search.set((event.target as HTMLInputElement).value);
  }

  protected onSelected(event: MatAutocompleteSelectedEvent): void {
    this.search.set('');
    this.productPicked.emit(event.option.value as ProductDto);
  }

  protected productText(product: ProductDto | string | null): string {
    return typeof product === 'string'
      ? product
      : product
        ? `${product.sku} · ${product.name}`
        : '';
  }
}
