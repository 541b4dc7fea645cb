export interface OrderConstraints {
  /** Units per case; orders are whole cases. Default 1. */
  readonly casePack?: number;
  /** Minimum order quantity in units. Default 0. */
  readonly moq?: number;
  /** Maximum stock or shelf capacity: inventory position after the order may not exceed it. */
  readonly maxStock?: number;
}

/** What shaped the final quantity, in the order the rules were applied. */
export type OrderLimit =
  | 'moq'
  | 'case-pack'
  | 'max-stock'
  | 'max-stock-below-moq';

export interface RoundedOrder {
  readonly quantity: number;
  readonly cases: number;
  readonly limits: readonly OrderLimit[];
}

// Float noise such as 44.000000001 must not cost a whole extra case.
const EPS = 1e-9;

/**
 * Turns a net requirement into an orderable quantity: at least the MOQ, rounded
 * up to whole cases, then capped (rounded down to whole cases) so that the
 * position does not exceed maxStock. The cap is on the position, not on the
 * stock at arrival, so it holds even if nothing sells before the delivery.
 * A cap that leaves less than the MOQ means no order.
 */
export function roundOrder(
  requirement: number,
  position: number,
  constraints: OrderConstraints = {},
): RoundedOrder {
  const pack = Math.max(1, constraints.casePack ?? 1);
  const moq = Math.max(0, constraints.moq ?? 0);
  if (!(requirement > EPS)) return { quantity: 0, cases: 0, limits: [] };
  const limits: OrderLimit[] = [];
  let qty = requirement;
  if (moq > qty) {
    qty = moq;
    limits.push('moq');
  }
  const cases = Math.ceil(qty / pack - EPS);
  if (cases * pack > qty + EPS) limits.push('case-pack');
  qty = cases * pack;
  if (constraints.maxStock !== undefined) {
    const room = constraints.maxStock - position;
    if (qty > room + EPS) {
      const capped = Math.max(0, Math.floor(room / pack + EPS)) * pack;
      if (capped <= 0 || capped < moq - EPS) {
        return {
          quantity: 0,
          cases: 0,
          limits: [...limits, 'max-stock-below-moq'],
        };
      }
      return {
        quantity: capped,
        cases: capped / pack,
        limits: [...limits, 'max-stock'],
      };
    }
  }
  return { quantity: qty, cases, limits };
}
