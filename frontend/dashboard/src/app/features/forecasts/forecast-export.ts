import type { DatedValue, ForecastPoint } from '@shelfcast/charts';

/** The chart's days between `from` and `to` (inclusive ISO dates; empty = open end). */
export function inRange<T extends { date: string }>(
  points: readonly T[],
  from: string,
  to: string,
): T[] {
  return points.filter(
    (p) => (!from || p.date >= from) && (!to || p.date <= to),
  );
}

/**
 * The chart's numbers as CSV, one row per day: actual units where known, forecast P10/P50/P90
 * where forecast. Headers stay English (scripts read them), like the API's exports.
 */
export function forecastCsv(
  history: readonly DatedValue[],
  forecast: readonly ForecastPoint[],
): string {
  const days = new Map<string, string[]>();
  const row = (date: string): string[] => {
    let r = days.get(date);
    if (!r) {
      r = [date, '', '', '', ''];
      days.set(date, r);
    }
    return r;
  };
  for (const h of history) row(h.date)[1] = num(h.value);
  for (const f of forecast) {
    const r = row(f.date);
    r[2] = num(f.p10);
    r[3] = num(f.p50);
    r[4] = num(f.p90);
  }
  const lines = [...days.values()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map((r) => r.join(','));
  return ['date,actual_units,p10,p50,p90', ...lines].join('\n') + '\n';
}

function num(v: number | null): string {
  return v === null || !Number.isFinite(v)
    ? ''
    : String(Math.round(v * 1000) / 1000);
}

/** Saves a data URL or a text under `name` through a temporary link (the browser's download). */
export function saveFile(name: string, content: string, type?: string): void {
  const url = type
    ? URL.createObjectURL(new Blob([content], { type }))
    : content;
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (type) setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The file name of a download: what is shown and the range, e.g. `forecast-series-S001-P0001`. */
export function exportFileName(
  q: {
    level: string;
    store: string;
    category: string;
    sku: string;
    from: string;
    to: string;
  },
  ext: string,
): string {
  const parts = ['forecast', q.level, q.store, q.category, q.sku, q.from, q.to]
    .filter((p) => p)
    .map((p) => p.replace(/[^\w.-]+/g, '_'));
  return `${parts.join('-')}.${ext}`;
}
