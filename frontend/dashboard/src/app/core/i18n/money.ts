import { HttpClient } from '@angular/common/http';
import {
  Injectable,
  Pipe,
  type PipeTransform,
  inject,
  signal,
} from '@angular/core';
import type { PublicSettings } from '@shelfcast/contracts';
import { I18n } from './i18n';

/**
 * Amounts of money in the deployment's currency (GET /api/settings/public, ISO 4217), formatted
 * for the active language: `$1,234` in English, `US$1,234` in Chinese. USD until {@link load} answers.
 */
@Injectable({ providedIn: 'root' })
export class Money {
  private readonly i18n = inject(I18n);
  readonly currency = signal('USD');

  private readonly http = inject(HttpClient);

  /** Reads the configured currency; called once at start (see app.config.ts). */
  load(): void {
    this.http.get<PublicSettings>('/api/settings/public').subscribe({
      next: (s) => this.currency.set(s.currency),
      // Keeps USD: the amounts still show, only the symbol may be wrong.
      error: () => undefined,
    });
  }

  format(value: number | null | undefined, maximumFractionDigits = 2): string {
    return this.i18n.formatNumber(value, {
      style: 'currency',
      currency: this.currency(),
      minimumFractionDigits: Math.min(2, maximumFractionDigits),
      maximumFractionDigits,
    });
  }
}

/** Money in the configured currency: `{{ line.value | scMoney }}` or `{{ v | scMoney: 0 }}`. */
@Pipe({ name: 'scMoney', pure: false })
export class MoneyPipe implements PipeTransform {
  private readonly money = inject(Money);

  transform(
    value: number | null | undefined,
    maximumFractionDigits?: number,
  ): string {
    return this.money.format(value, maximumFractionDigits);
  }
}
