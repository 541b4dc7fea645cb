import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { type TranslationKey, en } from './en';
import { I18n } from './i18n';

function isKey(value: string): value is TranslationKey {
  return value in en;
}

/** Route titles are dictionary keys; the document title follows the language switch. */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly routeTitle = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.routeTitle();
      const app = this.i18n.t('app.name');
      const page = key && isKey(key) ? this.i18n.t(key) : key;
      this.title.setTitle(page ? `${page} · ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.routeTitle.set(this.buildTitle(snapshot));
  }
}
