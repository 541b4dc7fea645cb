import { ServiceTarget } from './types';

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

/** Cumulative revenue shares closing classes A and B (80/15/5 Pareto by default). */
export interface AbcThresholds {
  readonly a: number;
  readonly b: number;
}

export const DEFAULT_ABC_THRESHOLDS: AbcThresholds = { a: 0.8, b: 0.95 };

/**
 * ABC by revenue Pareto: items sorted by revenue, an item is A while the share
 * of revenue of the items ranked above it is below `a`, B below `b`, else C.
 * The top item is therefore always A; items without revenue are C.
 */
export function abcClasses(
  revenue: ArrayLike<number>,
  thresholds: AbcThresholds = DEFAULT_ABC_THRESHOLDS,
): AbcClass[] {
  const n = revenue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => revenue[j] - revenue[i] || i - j,
  );
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, revenue[i]);
  const classes = new Array<AbcClass>(n).fill('C');
  let before = 0;
  for (const i of order) {
    const value = Math.max(0, revenue[i]);
    if (value <= 0 || total <= 0) break;
    const share = before / total;
    classes[i] = share < thresholds.a ? 'A' : share < thresholds.b ? 'B' : 'C';
    before += value;
  }
  return classes;
}

/** Upper CV bounds of classes X and Y. */
export interface XyzThresholds {
  readonly x: number;
  readonly y: number;
}

export const DEFAULT_XYZ_THRESHOLDS: XyzThresholds = { x: 0.5, y: 1.0 };

/** Sample standard deviation / mean of per-period demand; Infinity without demand. */
export function coefficientOfVariation(demand: ArrayLike<number>): number {
  const n = demand.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += demand[i];
  const mean = n > 0 ? sum / n : 0;
  if (mean <= 0) return Infinity;
  if (n < 2) return 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (demand[i] - mean) ** 2;
  return Math.sqrt(ss / (n - 1)) / mean;
}

export function xyzClass(
  demand: ArrayLike<number>,
  thresholds: XyzThresholds = DEFAULT_XYZ_THRESHOLDS,
): XyzClass {
  const cv = coefficientOfVariation(demand);
  return cv <= thresholds.x ? 'X' : cv <= thresholds.y ? 'Y' : 'Z';
}

export type ServiceTargetsByClass = Readonly<Record<AbcClass, ServiceTarget>>;

/** Starting point only; each tenant configures its own targets. */
export const DEFAULT_SERVICE_TARGETS: ServiceTargetsByClass = {
  A: { kind: 'fill-rate', level: 0.98 },
  B: { kind: 'fill-rate', level: 0.95 },
  C: { kind: 'fill-rate', level: 0.9 },
};

export function serviceTargetFor(
  abc: AbcClass,
  targets: ServiceTargetsByClass = DEFAULT_SERVICE_TARGETS,
): ServiceTarget {
  return targets[abc];
}
