import {
  type PeriodUnit,
  type PurchaseOrder,
  type QuantileForecast,
  type Recommendation,
  recommendOrder,
  servedPolicyInput,
  type ServiceTarget,
  type UnmetDemand,
} from '@shelfcast/inventory-policy';

/** One line's sizing inputs, in periods of its grain. */
export interface LineSizingInput {
  readonly forecast: QuantileForecast;
  readonly onHand: number;
  readonly openOrders: readonly PurchaseOrder[];
  readonly leadTime: number;
  readonly leadTimeSd: number;
  readonly reviewPeriod: number;
  readonly service: ServiceTarget;
  readonly casePack: number;
  readonly moq: number;
  readonly unmetDemand: UnmetDemand;
  readonly shelfLife?: number;
  readonly periodUnit: PeriodUnit;
  readonly asOf?: string;
}

/**
 * How the generator sizes a line: the served policy (servedPolicyInput, the decision the policy
 * replay takes) plus the explanation and projection. Kept free of Nest and the database so the
 * policy bench can call it on its own sample and check it against the replay.
 */
export function sizeLine(input: LineSizingInput): Recommendation {
  const { shelfLife, periodUnit, asOf, ...decision } = input;
  return recommendOrder({
    ...servedPolicyInput(decision),
    shelfLife,
    periodUnit,
    asOf,
  });
}
