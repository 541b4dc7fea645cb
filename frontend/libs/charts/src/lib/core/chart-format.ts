/** Formatting shared by the option builders. Pure: locale is passed in, never read globally. */

export function formatNumber(
  value: number | null | undefined,
  locale: string,
  maximumFractionDigits = 1,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** Formats an ISO `yyyy-mm-dd` (or a timestamp) as a calendar date, independent of the time zone. */
export function formatDay(date: string | number, locale: string): string {
  const iso = typeof date === 'number' ? toIsoDay(date) : date.slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) {
    return String(date);
  }
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A local-time timestamp (as ECharts' time axis produces for `yyyy-mm-dd`) to `yyyy-mm-dd`. */
export function toIsoDay(timestamp: number): string {
  const d = new Date(timestamp);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** ECharts ships EN and ZH locales for its own texts (axis dates, loading...). */
export function echartsLocale(locale: string): 'EN' | 'ZH' {
  return locale.toLowerCase().startsWith('zh') ? 'ZH' : 'EN';
}

/** Adds days to an ISO day, in UTC so daylight saving never shifts it. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1) + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** Above this many points a chart drops animation and draws lines without symbols. */
export const LARGE_SERIES_THRESHOLD = 600;

/** The day under the axis pointer, from ECharts' axis-trigger tooltip params. */
export function axisDay(params: unknown): string | null {
  const first = Array.isArray(params) ? params[0] : params;
  if (!first || typeof first !== 'object') {
    return null;
  }
  const axisValue = (first as { axisValue?: unknown }).axisValue;
  if (typeof axisValue === 'number') {
    return toIsoDay(axisValue);
  }
  if (typeof axisValue === 'string') {
    return axisValue.slice(0, 10);
  }
  return null;
}
