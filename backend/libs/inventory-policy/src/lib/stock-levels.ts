import { countDistribution, CountDistribution } from './count-distribution';
import {
  lognormalCdf,
  lognormalExpectedShortage,
  lognormalQuantile,
  normalCdf,
  normalExpectedShortage,
  normalInverse,
} from './normal';
import {
  DemandDistribution,
  DistributionChoice,
  IntervalDemand,
  PeriodMoments,
  ServiceTarget,
} from './types';

export interface StockLevelInput {
  /** Demand over the protection interval (lead time + review period). */
  readonly protection: IntervalDemand;
  /** Demand over the lead time alone; only the fill-rate formula uses it. */
  readonly leadTime: IntervalDemand;
  /** Expected demand per review cycle (what one cycle's fill rate is measured against). */
  readonly reviewDemand: number;
  readonly service: ServiceTarget;
  readonly distribution: DemandDistribution;
}

export interface StockLevels {
  /** Inventory position that covers the protection interval at the target: mean + safety stock. */
  readonly reorderPoint: number;
  /** Never negative: a below-mean level is rounded up to the mean. */
  readonly safetyStock: number;
  readonly distribution: DemandDistribution;
  /** P(demand over the protection interval ≤ reorder point). */
  readonly expectedCycleService: number;
  /** 1 − expected shortage per cycle / demand per cycle. */
  readonly expectedFillRate: number;
}

/** Below this mean demand over the protection interval, 'auto' uses a count distribution. */
export const DEFAULT_SLOW_MOVER_MEAN = 10;

/** Above this (P90 − P50) / (P50 − P10), 'auto' reads demand as lognormal. */
export const DEFAULT_SKEW_THRESHOLD = 1.2;

/**
 * 'auto': count distribution for slow movers (Poisson, or negative binomial
 * when overdispersed); lognormal when the quantiles are clearly right-skewed
 * and all positive (promotion-driven demand); normal otherwise.
 */
export function chooseDistribution(
  choice: DistributionChoice,
  protection: IntervalDemand,
  slowMoverMean = DEFAULT_SLOW_MOVER_MEAN,
  moments?: PeriodMoments,
): DemandDistribution {
  if (choice !== 'auto') return choice;
  if (protection.mean < slowMoverMean) {
    const variance = protection.sd * protection.sd;
    return variance > protection.mean * 1.0001
      ? 'negative-binomial'
      : 'poisson';
  }
  if (
    moments &&
    moments.skew > DEFAULT_SKEW_THRESHOLD &&
    moments.lognormalMean.every((m) => m > 0)
  ) {
    return 'lognormal';
  }
  return 'normal';
}

function validateLevel(service: ServiceTarget): void {
  if (!(service.level > 0 && service.level < 1)) {
    throw new RangeError(
      `service level must be in (0, 1), got ${service.level}`,
    );
  }
}

/**
 * Reorder point and safety stock for a periodic-review order-up-to policy.
 * Cycle service: level = F⁻¹(α) of demand over the protection interval.
 * Fill rate: smallest level whose expected shortage per review cycle,
 * E[(D_{L+R} − S)⁺] − E[(D_L − S)⁺] (Silver, Pyke & Peterson), is at most
 * (1 − β) × demand per cycle.
 */
export function stockLevels(input: StockLevelInput): StockLevels {
  validateLevel(input.service);
  const { protection, leadTime, reviewDemand, service } = input;
  if (protection.mean <= 0) {
    return {
      reorderPoint: 0,
      safetyStock: 0,
      distribution: input.distribution,
      expectedCycleService: 1,
      expectedFillRate: 1,
    };
  }
  return input.distribution === 'normal' || input.distribution === 'lognormal'
    ? continuousLevels(
        protection,
        leadTime,
        reviewDemand,
        service,
        input.distribution,
      )
    : countLevels(protection, leadTime, reviewDemand, service);
}

/** Normal, or lognormal matched to the interval's mean and sd (Fenton–Wilkinson). */
function continuousLevels(
  p: IntervalDemand,
  l: IntervalDemand,
  reviewDemand: number,
  service: ServiceTarget,
  kind: 'normal' | 'lognormal',
): StockLevels {
  const short =
    kind === 'normal' ? normalExpectedShortage : lognormalExpectedShortage;
  const shortage = (s: number): number =>
    short(p.mean, p.sd, s) - short(l.mean, l.sd, s);
  const cdf = (s: number): number =>
    kind === 'normal'
      ? p.sd > 0
        ? normalCdf((s - p.mean) / p.sd)
        : 1
      : lognormalCdf(p.mean, p.sd, s);
  let level: number;
  if (service.kind === 'cycle-service') {
    level =
      kind === 'normal'
        ? p.mean + normalInverse(service.level) * p.sd
        : lognormalQuantile(p.mean, p.sd, service.level);
  } else {
    const allowed = (1 - service.level) * reviewDemand;
    let lo = 0;
    let hi = p.mean + 12 * p.sd + 1;
    while (shortage(hi) > allowed) hi *= 2;
    for (let i = 0; i < 100 && hi - lo > 1e-7 * (1 + hi); i++) {
      const mid = 0.5 * (lo + hi);
      if (shortage(mid) > allowed) lo = mid;
      else hi = mid;
    }
    level = hi;
  }
  const safetyStock = Math.max(0, level - p.mean);
  const reorderPoint = p.mean + safetyStock;
  return {
    reorderPoint,
    safetyStock,
    distribution: kind,
    expectedCycleService: cdf(reorderPoint),
    expectedFillRate: fillRate(shortage(reorderPoint), reviewDemand),
  };
}

/** P(demand over the protection interval ≤ level) under the chosen distribution. */
export function protectionCdf(
  p: IntervalDemand,
  kind: DemandDistribution,
  level: number,
): number {
  if (p.mean <= 0) return 1;
  if (kind === 'normal') {
    return p.sd > 0
      ? normalCdf((level - p.mean) / p.sd)
      : level >= p.mean
        ? 1
        : 0;
  }
  if (kind === 'lognormal') return lognormalCdf(p.mean, p.sd, level);
  const dist = countDistribution(p.mean, p.sd * p.sd);
  let cdf = 0;
  for (let k = 0; k <= level && k < dist.pmf.length; k++) cdf += dist.pmf[k];
  return Math.min(1, cdf);
}

function fillRate(shortage: number, reviewDemand: number): number {
  return reviewDemand > 0 ? Math.max(0, 1 - shortage / reviewDemand) : 1;
}

function countLevels(
  p: IntervalDemand,
  l: IntervalDemand,
  reviewDemand: number,
  service: ServiceTarget,
): StockLevels {
  const dp = countDistribution(p.mean, p.sd * p.sd);
  const dl = countDistribution(l.mean, l.sd * l.sd);
  // Walk s = 0, 1, … keeping CDFs and Σ_{j<s} F(j) incrementally for both distributions.
  const cursorP = shortageCursor(dp);
  const cursorL = shortageCursor(dl);
  const allowed = (1 - service.level) * reviewDemand;
  let s = 0;
  for (; s < dp.pmf.length + 1; s++) {
    const ok =
      service.kind === 'cycle-service'
        ? cursorP.cdf() >= service.level - 1e-12
        : cursorP.shortage() - cursorL.shortage() <= allowed + 1e-12;
    if (ok) break;
    cursorP.next();
    cursorL.next();
  }
  const safetyStock = Math.max(0, s - p.mean);
  const reorderPoint = p.mean + safetyStock;
  return {
    reorderPoint,
    safetyStock,
    distribution: dp.kind,
    expectedCycleService: cursorP.cdf(),
    expectedFillRate: fillRate(
      cursorP.shortage() - cursorL.shortage(),
      reviewDemand,
    ),
  };
}

interface ShortageCursor {
  /** P(D ≤ s) at the current s. */
  cdf(): number;
  /** E[(D − s)⁺] at the current s. */
  shortage(): number;
  next(): void;
}

function shortageCursor(dist: CountDistribution): ShortageCursor {
  let s = 0;
  let cdf = dist.pmf[0];
  let below = 0;
  return {
    cdf: () => Math.min(1, cdf),
    shortage: () => Math.max(0, dist.mean - s + below),
    next: () => {
      below += Math.min(1, cdf);
      s++;
      cdf += s < dist.pmf.length ? dist.pmf[s] : 0;
    },
  };
}
