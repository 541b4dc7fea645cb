import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './en';
import { I18n, type TranslationParams } from './i18n';

/**
 * `{{ 'nav.data' | t }}`. Impure so it re-reads the active dictionary after a language switch;
 * the lookup is a property read, cheap enough for every change detection.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
