/**
 * Page-level checks shared by the language × theme × size matrix: sideways overflow, the
 * theme's computed background, raw i18n keys and English texts left in a Chinese page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

const I18N_DIR = join(REPO_ROOT, 'frontend/dashboard/src/app/core/i18n');
const ENTRY = /'([\w.-]+)':\s*(?:\n\s*)?'((?:[^'\\]|\\.)*)'/g;
const CJK = /[\u3400-\u9fff]/;

/** Dictionary keys, as the dashboard names them (to spot one printed instead of its text). */
export function i18nKeys(): Set<string> {
  return new Set(dictionaryEntries().map(([key]) => key));
}

/**
 * English texts (fragments of at least 12 characters between placeholders) of every key that
 * has a Chinese translation: none of them may show on a page in Chinese.
 */
export function translatedEnglishTexts(): string[] {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of dictionaryEntries())
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const out = new Set<string>();
  for (const values of byKey.values()) {
    if (!values.some((v) => CJK.test(v))) continue;
    for (const english of values.filter((v) => !CJK.test(v)))
      for (const part of english.split(/\{[^}]*\}/))
        if (part.trim().length >= 12 && /[a-z] [a-z]/i.test(part))
          out.add(part.trim());
  }
  return [...out];
}

function dictionaryEntries(): [string, string][] {
  const entries: [string, string][] = [];
  for (const file of readdirSync(I18N_DIR).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
  ))
    for (const m of readFileSync(join(I18N_DIR, file), 'utf8').matchAll(ENTRY))
      entries.push([m[1], m[2].replace(/\\'/g, "'")]);
  return entries;
}

/** Widths of the document and of the app's scrolling content, against the viewport. */
export function pageWidths(
  page: Page,
): Promise<{ viewport: number; document: number; content: number }> {
  return page.evaluate(() => {
    const content = document.querySelector('mat-sidenav-content');
    return {
      viewport: window.innerWidth,
      document: document.documentElement.scrollWidth,
      content: content ? content.scrollWidth - content.clientWidth : 0,
    };
  });
}

/** Relative luminance (0 black … 1 white) of the first opaque background behind `main`. */
export function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    let el: Element | null = document.querySelector('main');
    while (el) {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(
        getComputedStyle(el).backgroundColor,
      );
      if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
        const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      }
      el = el.parentElement;
    }
    return 1; // nothing painted: the browser's white
  });
}

/** Whether the element's box lies inside the viewport (seen without scrolling). */
export async function inViewport(
  page: Page,
  selector: ReturnType<Page['locator']>,
): Promise<boolean> {
  const box = await selector.boundingBox();
  const size = page.viewportSize();
  return Boolean(
    box &&
      size &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= size.width &&
      box.y + box.height <= size.height,
  );
}
