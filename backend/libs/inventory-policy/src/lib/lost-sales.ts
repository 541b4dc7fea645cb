import { countDistribution, CountDistribution } from './count-distribution';
import { QuantileDistribution } from './quantile-distribution';
import { normalCdf, normalInverse, normalPdf } from './normal';
import { DemandDistribution, IntervalDemand } from './types';

export interface LostSalesInput {
  /** Demand over the lead time (before the new order can arrive). */
  readonly leadTime: IntervalDemand;
  /** Demand over the review cycle that the new order has to cover. */
  readonly review: IntervalDemand;
  readonly distribution: DemandDistribution;
  /** Stock on hand plus open orders arriving within the protection interval. */
  readonly available: number;
  /** Fill-rate target β. */
  readonly level: number;
}

export interface LostSalesLevels {
  /** Smallest available stock at which no order is needed for β. */
  readonly reorderPoint: number;
  /** Order that brings the expected lost sales of the cycle down to (1 − β)·E[D_R]; 0 above the reorder point. */
  readonly order: number;
  /** 1 − expected lost sales / E[D_R] after ordering. */
  readonly expectedFillRate: number;
}

/** Nodes of the midpoint rule over the lead-time distribution; the shortage is smooth in them. */
const NODES = 16;

/**
 * Fill-rate decision when unmet demand is lost. Stock carried into the cycle
 * is (A − D_L)⁺, not the backorder model's A − D_L, so the lost units of the
 * cycle for an order q are
 *   E[(D_R − q − (A − D_L)⁺)⁺]
 * with D_L, D_R independent: the order is sized for the cycle in which it
 * arrives, from the lost-sales stock at arrival (as in de Kok 2023,
 * arXiv:2304.06936, for a no-stock-out target). The backorder formula
 * E[(D_{L+R} − S)⁺] − E[(D_L − S)⁺] subtracts lead-time demand that was in
 * fact lost, so under lost sales it over-orders when a stock-out in the lead
 * time is likely (van Donselaar & Broekmeulen 2010 measure this error).
 * Open orders count as available from the start: exact when none arrives
 * inside the lead time (always true with L = 1 and weekly review).
 */
export function lostSalesLevels(input: LostSalesInput): LostSalesLevels {
  validateFillRate(input.level);
  if (input.review.mean <= 0) {
    return { reorderPoint: 0, order: 0, expectedFillRate: 1 };
  }
  return solveLostSales(
    reviewDistribution(input.review, input.distribution),
    leadTimeNodes(input.leadTime, input.distribution),
    input.review.mean,
    input.available,
    input.level,
  );
}

export interface LostSalesQuantileInput {
  /** Lead-time demand read from quantiles; null when there is no lead time. */
  readonly leadTime: QuantileDistribution | null;
  /** Review-cycle demand read from quantiles. */
  readonly review: QuantileDistribution;
  readonly available: number;
  readonly level: number;
}

/**
 * The same decision with both demands read directly from quantiles (see
 * quantile-distribution.ts) instead of a fitted normal/lognormal/count shape.
 */
export function lostSalesLevelsFromQuantiles(
  input: LostSalesQuantileInput,
): LostSalesLevels {
  validateFillRate(input.level);
  const { review, leadTime } = input;
  if (review.mean <= 0) {
    return { reorderPoint: 0, order: 0, expectedFillRate: 1 };
  }
  const nodesAt = leadTime
    ? continuousNodes(
        (a) => 1 - leadTime.tail(a),
        (u) => leadTime.quantile(u),
      )
    : (a: number): CarryNodes => ({
        weight: Float64Array.of(1),
        left: Float64Array.of(Math.max(0, a)),
      });
  return solveLostSales(
    { shortage: (c) => review.shortage(c), tail: (c) => review.tail(c) },
    nodesAt,
    review.mean,
    input.available,
    input.level,
  );
}

export interface CycleLossInput {
  /** Demand before the order arrives (null: it arrives in the decision period). */
  readonly leadTime: QuantileDistribution | null;
  /** Demand from the order's arrival to the next delivery. */
  readonly review: QuantileDistribution;
  /** Stock on hand plus open orders arriving before the next delivery, minus backorders. */
  readonly available: number;
  readonly order: number;
}

/**
 * Expected units lost from now to the next delivery when unmet demand is lost: those of the
 * lead time, E[(D_L − A)⁺], plus those of the cycle the order arrives in,
 * E[(D_R − q − (A − D_L)⁺)⁺] — the quantity {@link lostSalesLevelsFromQuantiles} sizes the
 * order on, with the same lead-time nodes.
 */
export function expectedLostUnits(input: CycleLossInput): {
  leadTime: number;
  cycle: number;
} {
  const { leadTime, review } = input;
  const available = Math.max(0, input.available);
  const nodes = leadTime
    ? continuousNodes(
        (a) => 1 - leadTime.tail(a),
        (u) => leadTime.quantile(u),
      )(available)
    : { weight: Float64Array.of(1), left: Float64Array.of(available) };
  let cycle = 0;
  for (let i = 0; i < nodes.weight.length; i++) {
    cycle +=
      nodes.weight[i] *
      review.shortage(Math.max(0, input.order) + nodes.left[i]);
  }
  return { leadTime: leadTime ? leadTime.shortage(available) : 0, cycle };
}

export interface ShapeLossInput {
  /** Demand before the order arrives, in the fitted shape the decision used. */
  readonly leadTime: IntervalDemand;
  /** Demand from the order's arrival to the next delivery. */
  readonly review: IntervalDemand;
  readonly distribution: DemandDistribution;
  readonly available: number;
  readonly order: number;
}

/** {@link expectedLostUnits} for demand in a fitted shape (the reading of {@link lostSalesLevels}). */
export function expectedLostUnitsFromShape(input: ShapeLossInput): {
  leadTime: number;
  cycle: number;
} {
  const available = Math.max(0, input.available);
  const review = reviewDistribution(input.review, input.distribution);
  const nodes = leadTimeNodes(input.leadTime, input.distribution)(available);
  let cycle = 0;
  for (let i = 0; i < nodes.weight.length; i++) {
    cycle +=
      nodes.weight[i] *
      review.shortage(Math.max(0, input.order) + nodes.left[i]);
  }
  const lead =
    input.leadTime.mean > 0
      ? reviewDistribution(input.leadTime, input.distribution).shortage(
          available,
        )
      : 0;
  return { leadTime: lead, cycle };
}

function validateFillRate(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`fill rate must be in (0, 1), got ${level}`);
  }
}

function solveLostSales(
  r: ReviewDistribution,
  nodesAt: (available: number) => CarryNodes,
  reviewMean: number,
  available: number,
  level: number,
): LostSalesLevels {
  const allowed = (1 - level) * reviewMean;
  // Expected lost units of the cycle and their derivative in the extra stock x.
  const lost = (nodes: CarryNodes, x: number): [number, number] => {
    let value = 0;
    let slope = 0;
    for (let i = 0; i < nodes.weight.length; i++) {
      value += nodes.weight[i] * r.shortage(x + nodes.left[i]);
      slope -= nodes.weight[i] * r.tail(x + nodes.left[i]);
    }
    return [value, slope];
  };

  // Reorder point: the available stock A at which no order is needed. Here
  // the nodes move with A; d/dA of E[short((A − D_L)⁺)] is −E[tail(A − D_L); D_L < A].
  const reorderPoint = solveDecreasing((a) => {
    const nodes = nodesAt(a);
    const [value] = lost(nodes, 0);
    let slope = 0;
    for (let i = 0; i < nodes.weight.length; i++) {
      if (nodes.left[i] > 0) slope -= nodes.weight[i] * r.tail(nodes.left[i]);
    }
    return [value - allowed, slope];
  }, reviewMean);
  // The stock carried from the lead time is fixed by `available`: one set of nodes.
  const nodes = nodesAt(available);
  const order =
    available < reorderPoint
      ? solveDecreasing((q) => {
          const [value, slope] = lost(nodes, q);
          return [value - allowed, slope];
        }, reviewMean)
      : 0;
  return {
    reorderPoint,
    order,
    expectedFillRate: Math.max(0, 1 - lost(nodes, order)[0] / reviewMean),
  };
}

/**
 * Smallest x ≥ 0 with f(x) ≤ 0 for a decreasing f given with its slope:
 * Newton steps kept inside a bracket, bisection when a step leaves it.
 * Newton from the left converges without overshoot where f is convex,
 * which the expected shortage is in the order quantity.
 */
function solveDecreasing(
  f: (x: number) => [number, number],
  scale: number,
): number {
  let [value, slope] = f(0);
  if (value <= 0) return 0;
  let lo = 0;
  let hi = Math.max(1, 4 * scale);
  while (f(hi)[0] > 0) {
    lo = hi;
    hi *= 2;
  }
  let x = 0;
  // A thousandth of a unit per thousand units of demand: far below a case pack.
  const tolerance = 1e-6 * (1 + scale);
  for (let i = 0; i < 100 && hi - lo > tolerance; i++) {
    let next = slope < 0 ? x - value / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    [value, slope] = f(next);
    x = next;
    if (value > 0) lo = x;
    else hi = x;
    if (Math.abs(value) < 1e-7 * (1 + scale)) return x;
  }
  return hi;
}

interface ReviewDistribution {
  /** E[(D_R − c)⁺]. */
  shortage(c: number): number;
  /** P(D_R > c) = −d/dc E[(D_R − c)⁺]. */
  tail(c: number): number;
}

/** The review-cycle demand, with the log-scale parameters computed once. */
function reviewDistribution(
  r: IntervalDemand,
  kind: DemandDistribution,
): ReviewDistribution {
  if (r.sd <= 0 && kind !== 'poisson') {
    return {
      shortage: (c) => Math.max(0, r.mean - c),
      tail: (c) => (c < r.mean ? 1 : 0),
    };
  }
  if (kind === 'normal') {
    return {
      shortage: (c) => {
        const z = (c - r.mean) / r.sd;
        return r.sd * (normalPdf(z) - z * (1 - normalCdf(z)));
      },
      tail: (c) => 1 - normalCdf((c - r.mean) / r.sd),
    };
  }
  if (kind === 'lognormal') {
    const { mu, sigma } = logParams(r);
    return {
      shortage: (c) => {
        if (c <= 0) return r.mean - c;
        const d2 = (mu - Math.log(c)) / sigma;
        return r.mean * normalCdf(d2 + sigma) - c * normalCdf(d2);
      },
      tail: (c) => (c <= 0 ? 1 : normalCdf((mu - Math.log(c)) / sigma)),
    };
  }
  const dist = countDistribution(r.mean, r.sd * r.sd);
  return {
    shortage: (c) => countShortageAt(dist, c),
    tail: (c) => {
      let cdf = 0;
      for (let k = 0; k <= c && k < dist.pmf.length; k++) cdf += dist.pmf[k];
      return Math.max(0, 1 - cdf);
    },
  };
}

function logParams(d: IntervalDemand): { mu: number; sigma: number } {
  const sigma2 = Math.log1p((d.sd * d.sd) / (d.mean * d.mean));
  return { mu: Math.log(d.mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** E[(D − c)⁺] for a count distribution at any real c ≥ 0. */
export function countShortageAt(dist: CountDistribution, c: number): number {
  // E[(D − c)⁺] = mean − c + Σ_{k ≤ c} (c − k)·pmf(k).
  let below = 0;
  for (let k = 0; k <= c && k < dist.pmf.length; k++) {
    below += (c - k) * dist.pmf[k];
  }
  return Math.max(0, dist.mean - Math.max(0, c) + below);
}

/** Lead-time demand as weighted nodes of the stock left when the order arrives, (A − d)⁺. */
interface CarryNodes {
  readonly weight: Float64Array;
  readonly left: Float64Array;
}

/** Midpoint rule over u ∈ (0, F(A)); the mass above A carries nothing. */
function continuousNodes(
  cdf: (a: number) => number,
  quantile: (u: number) => number,
): (available: number) => CarryNodes {
  return (a) => {
    const fa = cdf(a);
    const weight = new Float64Array(NODES + 1);
    const left = new Float64Array(NODES + 1);
    weight[NODES] = 1 - fa; // demand above A: nothing left
    if (fa > 0) {
      for (let i = 0; i < NODES; i++) {
        weight[i] = fa / NODES;
        left[i] = Math.max(0, a - quantile(((i + 0.5) * fa) / NODES));
      }
    }
    return { weight, left };
  };
}

/**
 * Discretises the lead-time demand for a given A. Only demand below A matters
 * (above it nothing is carried), so the midpoint rule runs over u ∈ (0, F(A))
 * in probability space and the remaining mass carries 0. Count demand uses its pmf.
 */
function leadTimeNodes(
  l: IntervalDemand,
  kind: DemandDistribution,
): (available: number) => CarryNodes {
  if (l.mean <= 0 || (l.sd <= 0 && kind !== 'poisson')) {
    return (a) => ({
      weight: Float64Array.of(1),
      left: Float64Array.of(Math.max(0, a - Math.max(0, l.mean))),
    });
  }
  if (kind === 'normal' || kind === 'lognormal') {
    // On the log scale for lognormal demand, parameters computed once.
    const { mu, sigma } =
      kind === 'normal' ? { mu: l.mean, sigma: l.sd } : logParams(l);
    const toZ = (a: number): number =>
      kind === 'normal' ? a : a > 0 ? Math.log(a) : -Infinity;
    const fromZ = (z: number): number => (kind === 'normal' ? z : Math.exp(z));
    return continuousNodes(
      (a) => normalCdf((toZ(a) - mu) / sigma),
      (u) => fromZ(mu + sigma * normalInverse(u)),
    );
  }
  const dist = countDistribution(l.mean, l.sd * l.sd);
  return (a) => {
    const n = Math.max(0, Math.min(Math.ceil(a), dist.pmf.length));
    const weight = new Float64Array(n + 1);
    const left = new Float64Array(n + 1);
    let mass = 0;
    for (let k = 0; k < n; k++) {
      weight[k] = dist.pmf[k];
      left[k] = a - k;
      mass += dist.pmf[k];
    }
    weight[n] = Math.max(0, 1 - mass);
    return { weight, left };
  };
}
