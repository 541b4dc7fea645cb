import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ChartSettings } from '@shelfcast/charts';
import { THEME_STORAGE_KEY, Theme } from './theme';

function stubSystemDark(dark: boolean): { change(dark: boolean): void } {
  let listener: ((e: { matches: boolean }) => void) | null = null;
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    writable: true,
    value: (query: string) => ({
      matches: query.includes('dark') ? dark : false,
      media: query,
      addEventListener: (_: string, l: (e: { matches: boolean }) => void) =>
        (listener = l),
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
    }),
  });
  return { change: (d) => listener?.({ matches: d }) };
}

describe('Theme', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  function create(): Theme {
    const theme = TestBed.inject(Theme);
    TestBed.tick();
    return theme;
  }

  it('follows prefers-color-scheme by default, live', () => {
    const media = stubSystemDark(true);
    const theme = create();
    expect(theme.preference()).toBe('system');
    expect(theme.mode()).toBe('dark');
    media.change(false);
    expect(theme.mode()).toBe('light');
  });

  it('toggles, applies the colour scheme to <html> and charts, and remembers the choice', () => {
    stubSystemDark(false);
    const theme = create();
    theme.toggle();
    TestBed.tick();
    const root = TestBed.inject(DOCUMENT).documentElement;
    expect(theme.mode()).toBe('dark');
    expect(root.classList.contains('sc-theme-dark')).toBe(true);
    expect(root.style.colorScheme).toBe('dark');
    expect(TestBed.inject(ChartSettings).mode()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });

  it('starts with a stored choice over the system preference', () => {
    stubSystemDark(true);
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    expect(create().mode()).toBe('light');
  });

  it('forgets the choice when set back to system', () => {
    stubSystemDark(false);
    const theme = create();
    theme.setPreference('dark');
    theme.setPreference('system');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    expect(theme.mode()).toBe('light');
  });
});
