import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { Page, ProductDto, StoreDto } from '@shelfcast/contracts';
import { Subject, debounceTime, switchMap, of, catchError } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** One thing the palette can open. */
export interface PaletteHit {
  kind: 'product' | 'store';
  code: string;
  name: string;
}

/** Where a hit leads: a product's forecast, a store's inventory review. */
export function paletteLinks(hit: PaletteHit): {
  primary: { path: string; query: Record<string, string> };
  secondary: { path: string; query: Record<string, string> };
} {
  return hit.kind === 'product'
    ? {
        primary: {
          path: '/forecasts',
          query: { level: 'product', sku: hit.code },
        },
        secondary: { path: '/inventory', query: { search: hit.code } },
      }
    : {
        primary: { path: '/inventory', query: { store: hit.code } },
        secondary: {
          path: '/forecasts',
          query: { level: 'store', store: hit.code },
        },
      };
}

/** Stores whose code or name contains the text (case-insensitive), at most `limit`. */
export function matchStores(
  stores: readonly StoreDto[],
  text: string,
  limit = 5,
): PaletteHit[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  return stores
    .filter(
      (s) =>
        s.code.toLowerCase().includes(q) || s.name.toLowerCase().includes(q),
    )
    .slice(0, limit)
    .map((s) => ({ kind: 'store', code: s.code, name: s.name }));
}

/**
 * Ctrl/⌘+K: find a product or a store and open its forecast (Enter) or its inventory review
 * (Shift+Enter); ↑/↓ pick, Esc closes (the native dialog's own Esc).
 */
@Component({
  selector: 'sc-command-palette',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onGlobalKey($event)' },
  template: `
    <button
      type="button"
      class="palette__open"
      [attr.aria-label]="'search.title' | t"
      [title]="'search.placeholder' | t"
      (click)="show()"
    >
      {{ 'search.open' | t }}
    </button>
    <dialog
      #dialog
      class="palette"
      [attr.aria-label]="'search.title' | t"
      (close)="open.set(false)"
    >
      <input
        #input
        type="search"
        class="palette__input"
        role="combobox"
        aria-controls="sc-palette-list"
        [attr.aria-expanded]="hits().length > 0"
        [attr.aria-activedescendant]="
          hits().length ? 'sc-palette-' + active() : null
        "
        [placeholder]="'search.placeholder' | t"
        [value]="text()"
        (input)="onInput($event)"
        (keydown)="onKey($event)"
      />
      <ul id="sc-palette-list" role="listbox" class="palette__list">
        @for (h of hits(); track h.kind + h.code; let i = $index) {
          <li
            role="option"
            [id]="'sc-palette-' + i"
            [attr.aria-selected]="i === active()"
            [class.active]="i === active()"
            tabindex="-1"
            (click)="go(h, false)"
            (keydown.enter)="go(h, false)"
            (mousemove)="active.set(i)"
          >
            <span class="kind">{{
              (h.kind === 'product' ? 'search.product' : 'search.store') | t
            }}</span>
            <strong>{{ h.code }}</strong> {{ h.name }}
          </li>
        } @empty {
          @if (text().trim()) {
            <li class="none">{{ 'search.none' | t }}</li>
          }
        }
      </ul>
      <p class="palette__help">{{ 'search.help' | t }}</p>
    </dialog>
  `,
  styles: `
    .palette__open {
      font: var(--mat-sys-label-large);
      color: inherit;
      background: transparent;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 4px 12px;
      cursor: pointer;
    }
    .palette {
      width: min(560px, 92vw);
      margin-top: 12vh;
      padding: 12px;
      border: none;
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .palette::backdrop {
      background: rgb(0 0 0 / 40%);
    }
    .palette__input {
      width: 100%;
      box-sizing: border-box;
      font: var(--mat-sys-body-large);
      padding: 8px 10px;
      color: inherit;
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline);
      border-radius: 6px;
    }
    .palette__list {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
      max-height: 50vh;
      overflow: auto;
    }
    li {
      padding: 6px 8px;
      border-radius: 6px;
      cursor: pointer;
    }
    li.active {
      background: var(--mat-sys-secondary-container);
    }
    li.none {
      cursor: default;
      color: var(--mat-sys-on-surface-variant);
    }
    .kind {
      display: inline-block;
      min-width: 5em;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .palette__help {
      margin: 8px 0 0;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CommandPalette {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly dialog =
    viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly input =
    viewChild.required<ElementRef<HTMLInputElement>>('input');

  protected readonly open = signal(false);
  protected readonly text = signal('');
  protected readonly active = signal(0);
  private readonly products = signal<PaletteHit[]>([]);
  private readonly stores = signal<StoreDto[] | null>(null);
  protected readonly hits = computed(() => [
    ...this.products(),
    ...matchStores(this.stores() ?? [], this.text()),
  ]);

  private readonly queries = new Subject<string>();

  constructor() {
    const sub = this.queries
      .pipe(
        debounceTime(150),
        switchMap((q) =>
          q.trim()
            ? this.http
                .get<Page<ProductDto>>('/api/products', {
                  params: { search: q.trim(), limit: 8 },
                })
                .pipe(catchError(() => of(null)))
            : of(null),
        ),
      )
      .subscribe((page) => {
        this.products.set(
          (page?.items ?? []).map((p) => ({
            kind: 'product',
            code: p.sku,
            name: p.name,
          })),
        );
        this.active.set(0);
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected onGlobalKey(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      this.show();
    }
  }

  show(): void {
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) dialog.showModal?.();
    this.open.set(true);
    if (this.stores() === null) {
      this.http.get<StoreDto[]>('/api/stores').subscribe({
        next: (s) => this.stores.set(s),
        error: () => this.stores.set([]),
      });
    }
    this.input().nativeElement.focus();
    this.input().nativeElement.select();
  }

  protected onInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.text.set(value);
    this.active.set(0);
    this.queries.next(value);
  }

  protected onKey(event: KeyboardEvent): void {
    const n = this.hits().length;
    if (event.key === 'ArrowDown' && n) {
      this.active.set((this.active() + 1) % n);
    } else if (event.key === 'ArrowUp' && n) {
      this.active.set((this.active() - 1 + n) % n);
    } else if (event.key === 'Enter' && n) {
      this.go(this.hits()[this.active()], event.shiftKey);
    } else {
      return;
    }
    event.preventDefault();
  }

  protected go(hit: PaletteHit, secondary: boolean): void {
    const links = paletteLinks(hit);
    const target = secondary ? links.secondary : links.primary;
    this.dialog().nativeElement.close?.();
    this.open.set(false);
    void this.router.navigate([target.path], { queryParams: target.query });
  }
}
