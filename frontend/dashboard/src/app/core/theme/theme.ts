import {
  DOCUMENT,
  Injectable,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { ChartSettings, type ChartMode } from '@shelfcast/charts';
import { safeStorage } from '../i18n/i18n';

export type ThemeMode = ChartMode;
/** `system` follows `prefers-color-scheme`; the others are the user's explicit choice. */
export type ThemePreference = ThemeMode | 'system';

export const THEME_STORAGE_KEY = 'shelfcast.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Light/dark theme. Material's M3 theme is built with `light-dark()` colours, so the whole app
 * follows the `color-scheme` set on <html>; charts follow through ChartSettings.
 */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  private readonly chartSettings = inject(ChartSettings);
  private readonly storage = safeStorage(this.document);

  readonly preference = signal<ThemePreference>(this.storedPreference());
  private readonly systemPrefersDark = signal(false);

  readonly mode = computed<ThemeMode>(() => {
    const preference = this.preference();
    if (preference !== 'system') {
      return preference;
    }
    return this.systemPrefersDark() ? 'dark' : 'light';
  });

  constructor() {
    const media = this.document.defaultView?.matchMedia?.(DARK_QUERY);
    if (media) {
      this.systemPrefersDark.set(media.matches);
      media.addEventListener?.('change', (event) =>
        this.systemPrefersDark.set(event.matches),
      );
    }
    effect(() => {
      const mode = this.mode();
      const root = this.document.documentElement;
      root.classList.toggle('sc-theme-dark', mode === 'dark');
      root.classList.toggle('sc-theme-light', mode === 'light');
      root.style.colorScheme = mode;
      this.chartSettings.mode.set(mode);
    });
  }

  /** Switches to the other mode and remembers the choice. */
  toggle(): void {
    this.setPreference(this.mode() === 'dark' ? 'light' : 'dark');
  }

  setPreference(preference: ThemePreference): void {
    this.preference.set(preference);
    if (preference === 'system') {
      this.storage?.removeItem(THEME_STORAGE_KEY);
    } else {
      this.storage?.setItem(THEME_STORAGE_KEY, preference);
    }
  }

  private storedPreference(): ThemePreference {
    const stored = this.storage?.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  }
}
