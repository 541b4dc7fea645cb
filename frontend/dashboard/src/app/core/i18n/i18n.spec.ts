import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ChartSettings } from '@shelfcast/charts';
import { en } from './en';
import {
  I18n,
  LANGUAGE_STORAGE_KEY,
  interpolate,
  languageFromBrowser,
} from './i18n';
import { zhCN } from './zh-cn';

describe('I18n', () => {
  beforeEach(() => localStorage.clear());

  function create(): I18n {
    const i18n = TestBed.inject(I18n);
    TestBed.tick();
    return i18n;
  }

  it('translates with placeholders', () => {
    const i18n = create();
    i18n.setLanguage('en');
    expect(i18n.t('nav.data')).toBe('Data');
    expect(i18n.t('data.freshness.rows', { rows: '1,200' })).toBe('1,200 rows');
  });

  it('switches language at runtime, updating <html lang>, charts and localStorage', () => {
    const i18n = create();
    i18n.setLanguage('zh-CN');
    TestBed.tick();
    expect(i18n.t('nav.data')).toBe('数据');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('zh-CN');
    expect(TestBed.inject(ChartSettings).locale()).toBe('zh-CN');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
  });

  it('starts with the stored language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'zh-CN');
    expect(create().language()).toBe('zh-CN');
  });

  it('formats numbers and dates in the active locale', () => {
    const i18n = create();
    i18n.setLanguage('en');
    expect(i18n.formatNumber(1234567.8)).toBe('1,234,567.8');
    expect(i18n.formatDate('2026-11-28')).toBe('Nov 28, 2026');
    expect(i18n.formatPercent(0.425)).toBe('43%');
    i18n.setLanguage('zh-CN');
    expect(i18n.formatDate('2026-11-28')).toBe('2026年11月28日');
    expect(i18n.formatNumber(null)).toBe('–');
  });

  it('formats relative times, durations and sizes', () => {
    const i18n = create();
    i18n.setLanguage('en');
    const now = new Date('2026-11-28T12:00:00Z');
    expect(i18n.formatRelative('2026-11-25T12:00:00Z', now)).toBe('3 days ago');
    expect(i18n.formatRelative('2026-11-28T11:00:00Z', now)).toBe('1 hour ago');
    expect(i18n.formatDuration(850)).toBe('850 ms');
    expect(i18n.formatDuration(12_400)).toBe('12.4 sec');
    expect(i18n.formatDuration(185_000)).toBe('3 min 5 sec');
    expect(i18n.formatBytes(1_250_000)).toBe('1.3 MB');
    i18n.setLanguage('zh-CN');
    expect(i18n.formatRelative('2026-11-25T12:00:00Z', now)).toBe('3天前');
  });
});

describe('dictionaries', () => {
  it('have the same keys and no empty text in every language', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const text of [...Object.values(en), ...Object.values(zhCN)]) {
      expect(text.trim()).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(zhCN[key])]).toEqual([
        key,
        placeholders(en[key]),
      ]);
    }
  });
});

describe('language helpers', () => {
  it('picks Chinese for Chinese browsers only', () => {
    expect(languageFromBrowser(['zh-CN', 'zh'])).toBe('zh-CN');
    expect(languageFromBrowser(['zh-TW'])).toBe('zh-CN');
    expect(languageFromBrowser(['en-US', 'zh-CN'])).toBe('en');
    expect(languageFromBrowser(['fr-FR'])).toBe('en');
  });

  it('interpolates known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('plain')).toBe('plain');
  });
});
