import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { I18n } from './i18n';
import { Money } from './money';

describe('Money', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('formats amounts in the configured currency for the active language', () => {
    const money = TestBed.inject(Money);
    const i18n = TestBed.inject(I18n);
    i18n.setLanguage('en');
    expect(money.format(1234.5)).toBe('$1,234.50');
    money.load();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/settings/public')
      .flush({ currency: 'EUR' });
    expect(money.currency()).toBe('EUR');
    expect(money.format(1234.5)).toBe('€1,234.50');
    expect(money.format(1234.5, 0)).toBe('€1,235');
    i18n.setLanguage('zh-CN');
    expect(money.format(1234.5)).toBe('€1,234.50');
    expect(money.format(null)).toBe(i18n.t('common.notAvailable'));
  });
});
