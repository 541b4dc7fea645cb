/**
 * Score tables and the default-method rule of bench:hierarchy. MASE per series (in-sample
 * seasonal-naive scale), averaged over the series of a level and the origins; P10–P90 coverage
 * pooled over series, steps and origins.
 */
import type { Hierarchy } from '../src';

interface Acc {
  mase: number;
  n: number;
  inside: number;
  scored: number;
}
/** method → level → accumulated scores. */
export type Table = Record<string, Record<string, Acc>>;

export function newTable(h: Hierarchy, keys: string[]): Table {
  const t: Table = {};
  for (const key of keys) {
    t[key] = {};
    for (const l of h.levels)
      t[key][l.name] = { mase: 0, n: 0, inside: 0, scored: 0 };
  }
  return t;
}

export function addScore(
  t: Table,
  key: string,
  level: string,
  mase: number,
  coverage?: { inside: number; count: number },
): void {
  const acc = t[key][level];
  acc.mase += mase;
  acc.n++;
  if (coverage) {
    acc.inside += coverage.inside;
    acc.scored += coverage.count;
  }
}

export const maseOf = (t: Table, key: string, level: string): number =>
  t[key][level].mase / t[key][level].n;
export const coverageOf = (t: Table, key: string, level: string): number =>
  t[key][level].inside / t[key][level].scored;

/** Ratio of a method's MASE to the better of base and bottom-up, per level. */
export function ratios(t: Table, h: Hierarchy, key: string): number[] {
  return h.levels.map(
    (l) =>
      maseOf(t, key, l.name) /
      Math.min(maseOf(t, 'base', l.name), maseOf(t, 'bottomUp', l.name)),
  );
}

export interface DevSummary {
  key: string;
  /** Datasets where every level's development ratio is ≤ 1.01. */
  passes: number;
  /** Mean over datasets of the mean ratio over levels. */
  meanRatio: number;
  /** Worst level ratio over all datasets. */
  worst: number;
}

/**
 * ONE default for every dataset, from the development origins only: among the coherent methods
 * (every key but 'base'), the one meeting "every level within 1% of the better of base and
 * bottom-up" on the most datasets; ties by the lowest mean ratio over datasets and levels.
 */
export function chooseDefault(
  dev: { h: Hierarchy; table: Table }[],
  keys: string[],
): { key: string; summary: DevSummary[] } {
  const summary = keys
    .filter((k) => k !== 'base')
    .map((key): DevSummary => {
      let passes = 0;
      let mean = 0;
      let worst = 0;
      for (const d of dev) {
        const r = ratios(d.table, d.h, key);
        const w = Math.max(...r);
        if (w <= 1.01) passes++;
        worst = Math.max(worst, w);
        mean += r.reduce((a, b) => a + b, 0) / r.length / dev.length;
      }
      return { key, passes, meanRatio: mean, worst };
    })
    .sort((a, b) => b.passes - a.passes || a.meanRatio - b.meanRatio);
  return { key: summary[0].key, summary };
}

export const round = (v: number): number =>
  Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;

export function printTable(
  name: string,
  def: string,
  h: Hierarchy,
  t: Table,
  keys: string[],
): void {
  console.log(
    `\n${name} — test MASE per level (default: ${def}); P10–P90 coverage of base and the default`,
  );
  console.log(`| level | ${keys.join(' | ')} | cov base | cov ${def} |`);
  console.log(`|---|${keys.map(() => '---').join('|')}|---|---|`);
  for (const l of h.levels)
    console.log(
      `| ${l.name} | ${keys.map((k) => maseOf(t, k, l.name).toFixed(3)).join(' | ')} | ${coverageOf(t, 'base', l.name).toFixed(2)} | ${coverageOf(t, def, l.name).toFixed(2)} |`,
    );
}
