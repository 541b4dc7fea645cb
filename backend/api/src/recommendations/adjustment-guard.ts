import type { AdjustmentLimits } from '@shelfcast/contracts';

export interface AdjustmentCheck {
  /** Units asked for. */
  quantity: number;
  /** The suggestion (recommended quantity). */
  suggested: number;
  casePack: number;
  moq: number;
  unitCost: number;
}

/** Why an adjustment is implausible (empty: it is not). */
export type ImplausibleBecause = ('multiple' | 'value')[];

/**
 * An adjustment is implausible above `maxMultiple` × the suggestion or above `maxOrderValue` of
 * order value. The suggestion counts as at least one case pack or the MOQ: ordering one case where
 * the system suggests nothing is an ordinary correction, ordering a truckload is not.
 */
export function implausibleAdjustment(
  c: AdjustmentCheck,
  limits: AdjustmentLimits,
): ImplausibleBecause {
  const because: ImplausibleBecause = [];
  const base = Math.max(c.suggested, c.casePack, c.moq, 1);
  if (c.quantity > limits.maxMultiple * base) because.push('multiple');
  if (c.quantity * Math.max(0, c.unitCost) > limits.maxOrderValue)
    because.push('value');
  return because;
}
