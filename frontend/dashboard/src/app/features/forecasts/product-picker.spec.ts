import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ProductDto } from '@shelfcast/contracts';
import { I18n } from '../../core/i18n/i18n';
import { ProductPicker } from './product-picker';

@Component({
  imports: [ProductPicker],
  template: `<sc-product-picker
    [category]="category()"
    [picked]="picked()"
    (productPicked)="chosen.set($event)"
  />`,
})
class Host {
  readonly category = signal<string | null>('dairy');
  readonly picked = signal('');
  readonly chosen = signal<ProductDto | null>(null);
}

const MILK = { sku: 'P0002', name: 'Whole Milk' } as ProductDto;
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('ProductPicker', () => {
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18n).setLanguage('en');
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    controller.verify();
    document.querySelector('.cdk-overlay-container')?.remove();
  });

  it('suggests products of the category for the typed text and emits the chosen one', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await settle();
    controller
      .expectOne((r) => r.url === '/api/products' && !r.params.has('search'))
      .flush({ items: [], total: 0, offset: 0, limit: 20 });
    const input = (fixture.nativeElement as HTMLElement).querySelector(
      'input',
    ) as HTMLInputElement;
    input.value = 'milk';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await settle();
    const req = controller.expectOne((r) => r.url === '/api/products');
    expect(req.request.params.get('search')).toBe('milk');
    expect(req.request.params.get('category')).toBe('dairy');
    req.flush({ items: [MILK], total: 1, offset: 0, limit: 20 });
    input.dispatchEvent(new Event('focusin'));
    fixture.detectChanges();
    const option = document.querySelector<HTMLElement>('.mat-mdc-option');
    expect(option?.textContent?.trim()).toBe('P0002 Whole Milk');
    option?.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.chosen()).toEqual(MILK);
    // Choosing clears the search: suggestions for the whole category again.
    await settle();
    controller
      .expectOne((r) => r.url === '/api/products' && !r.params.has('search'))
      .flush({ items: [MILK], total: 1, offset: 0, limit: 20 });
  });

  it('shows the picked product as the placeholder', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.picked.set('P0002 · Whole Milk');
    fixture.detectChanges();
    const input = (fixture.nativeElement as HTMLElement).querySelector(
      'input',
    ) as HTMLInputElement;
    expect(input.placeholder).toBe('P0002 · Whole Milk');
    await settle();
    controller
      .expectOne((r) => r.url === '/api/products')
      .flush({ items: [], total: 0, offset: 0, limit: 20 });
  });
});
