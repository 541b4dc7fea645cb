import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { StoreDto } from '@shelfcast/contracts';
import { I18n } from '../../core/i18n/i18n';
import { CommandPalette, matchStores, paletteLinks } from './command-palette';

const STORES: StoreDto[] = [
  { id: 1, code: 'S001', name: 'Boston', region: 'East', timezone: 'UTC' },
  { id: 2, code: 'S002', name: 'Denver', region: 'West', timezone: 'UTC' },
] as StoreDto[];

describe('command palette', () => {
  it('matches stores by code or name', () => {
    expect(matchStores(STORES, 'den').map((h) => h.code)).toEqual(['S002']);
    expect(matchStores(STORES, 's00')).toHaveLength(2);
    expect(matchStores(STORES, '  ')).toEqual([]);
  });

  it('leads a product to its forecast and a store to its inventory review', () => {
    expect(
      paletteLinks({ kind: 'product', code: 'P1', name: 'Milk' }).primary,
    ).toEqual({ path: '/forecasts', query: { level: 'product', sku: 'P1' } });
    expect(
      paletteLinks({ kind: 'store', code: 'S001', name: 'Boston' }).primary,
    ).toEqual({ path: '/inventory', query: { store: 'S001' } });
  });

  it('opens on Ctrl+K, searches products and stores, and navigates on Enter', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    TestBed.inject(I18n).setLanguage('en');
    const http = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(CommandPalette);
    fixture.detectChanges();
    document.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }),
    );
    http.expectOne('/api/stores').flush(STORES);
    const input = fixture.nativeElement.querySelector(
      'input',
    ) as HTMLInputElement;
    input.value = 'bos';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 200));
    http
      .expectOne((r) => r.url === '/api/products')
      .flush({ items: [], total: 0, offset: 0, limit: 8 });
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('li')?.textContent).toContain(
      'S001',
    );
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(navigate).toHaveBeenCalledWith(['/inventory'], {
      queryParams: { store: 'S001' },
    });
    http.verify();
  });
});
