import {
  DOCUMENT,
  Injectable,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { ChartSettings } from '@shelfcast/charts';
import { type Dictionary, type TranslationKey, en } from './en';
import { zhCN } from './zh-cn';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-CN': '简体中文',
};

const DICTIONARIES: Record<Language, Dictionary> = { en, 'zh-CN': zhCN };
export const LANGUAGE_STORAGE_KEY = 'shelfcast.language';

export type TranslationParams = Record<string, string | number>;

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Best language for a browser locale list (e.g. navigator.languages). */
export function languageFromBrowser(locales: readonly string[]): Language {
  return locales.some((l) => l.toLowerCase().startsWith('zh')) &&
    !locales[0]?.toLowerCase().startsWith('en')
    ? 'zh-CN'
    : 'en';
}

/** Replaces `{name}` placeholders. Unknown placeholders stay visible, which makes them easy to spot. */
export function interpolate(text: string, params?: TranslationParams): string {
  if (!params) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/**
 * Runtime language switch. Texts come from typed dictionaries; numbers and dates are formatted
 * with Intl in the active locale. The choice is kept in localStorage; the default follows the
 * browser.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly chartSettings = inject(ChartSettings);
  private readonly storage = safeStorage(this.document);

  readonly language = signal<Language>(this.initialLanguage());
  readonly dictionary = computed(() => DICTIONARIES[this.language()]);

  private readonly numberFormat = computed(
    () => new Intl.NumberFormat(this.language()),
  );
  private readonly dateFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.language(), {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
      }),
  );
  private readonly dateTimeFormat = computed(
    () =>
      new Intl.DateTimeFormat(this.language(), {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
  );
  private readonly relativeFormat = computed(
    () => new Intl.RelativeTimeFormat(this.language(), { numeric: 'auto' }),
  );

  constructor() {
    effect(() => {
      const language = this.language();
      this.document.documentElement.lang = language;
      this.chartSettings.locale.set(language);
    });
  }

  setLanguage(language: Language): void {
    this.language.set(language);
    this.storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    return interpolate(this.dictionary()[key], params);
  }

  /** The text of a key built from an API value (a report id, a model name), else `fallback`. */
  tOr(key: string, fallback: string): string {
    const dictionary: Partial<Record<string, string>> = this.dictionary();
    return dictionary[key] ?? fallback;
  }

  formatNumber(
    value: number | null | undefined,
    options?: Intl.NumberFormatOptions,
  ): string {
    if (value === null || value === undefined || Number.isNaN(value)) {
      return this.t('common.notAvailable');
    }
    return options
      ? new Intl.NumberFormat(this.language(), options).format(value)
      : this.numberFormat().format(value);
  }

  formatPercent(fraction: number | null | undefined): string {
    return this.formatNumber(fraction, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
  }

  /** An ISO business date `yyyy-mm-dd` (no time zone shift). */
  formatDate(isoDay: string | null | undefined): string {
    if (!isoDay) {
      return this.t('common.notAvailable');
    }
    const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number);
    if (!y || !m || !d) {
      return isoDay;
    }
    return this.dateFormat().format(new Date(Date.UTC(y, m - 1, d)));
  }

  /** An ISO timestamp in the user's time zone. */
  formatDateTime(iso: string | null | undefined): string {
    if (!iso) {
      return this.t('common.notAvailable');
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : this.dateTimeFormat().format(date);
  }

  /** "3 days ago", "yesterday", "in 2 hours"… relative to `now`. */
  formatRelative(
    iso: string | null | undefined,
    now: Date = new Date(),
  ): string {
    if (!iso) {
      return this.t('common.notAvailable');
    }
    const then = new Date(
      iso.length === 10 ? `${iso}T00:00:00` : iso,
    ).getTime();
    if (Number.isNaN(then)) {
      return iso;
    }
    const seconds = Math.round((then - now.getTime()) / 1000);
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['year', 31_536_000],
      ['month', 2_592_000],
      ['week', 604_800],
      ['day', 86_400],
      ['hour', 3_600],
      ['minute', 60],
    ];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) {
        return this.relativeFormat().format(Math.round(seconds / size), unit);
      }
    }
    return this.relativeFormat().format(seconds, 'second');
  }

  /** Milliseconds as "850 ms", "12.4 s" or "3 min 5 s". */
  formatDuration(ms: number | null | undefined): string {
    if (ms === null || ms === undefined) {
      return this.t('common.notAvailable');
    }
    const unit = (
      value: number,
      u: 'millisecond' | 'second' | 'minute',
      digits = 0,
    ) =>
      new Intl.NumberFormat(this.language(), {
        style: 'unit',
        unit: u,
        unitDisplay: 'short',
        maximumFractionDigits: digits,
      }).format(value);
    if (ms < 1000) {
      return unit(ms, 'millisecond');
    }
    if (ms < 60_000) {
      return unit(ms / 1000, 'second', 1);
    }
    return `${unit(Math.floor(ms / 60_000), 'minute')} ${unit(Math.round((ms % 60_000) / 1000), 'second')}`;
  }

  /** Bytes as "512 B", "1.2 MB". */
  formatBytes(bytes: number): string {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let value = bytes;
    let i = 0;
    while (value >= 1000 && i < units.length - 1) {
      value /= 1000;
      i++;
    }
    return new Intl.NumberFormat(this.language(), {
      style: 'unit',
      unit: units[i],
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  }

  private initialLanguage(): Language {
    const stored = this.storage?.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) {
      return stored;
    }
    const nav = this.document.defaultView?.navigator;
    return languageFromBrowser(
      nav?.languages?.length ? nav.languages : [nav?.language ?? 'en'],
    );
  }
}

/** localStorage, or null where it is unavailable (private mode, sandboxed frames, SSR). */
export function safeStorage(document: Document): Storage | null {
  try {
    return document.defaultView?.localStorage ?? null;
  } catch {
    return null;
  }
}
