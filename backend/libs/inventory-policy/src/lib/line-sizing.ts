import { type Recommendation, recommendOrder } from './recommend-order';
import { servedPolicyInput, type UnmetDemand } from './served-policy';
import type {
  PeriodUnit,
  PurchaseOrder,
  QuantileForecast,
  ServiceTarget,
} from './types';

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
 * How the API's recommendation generator sizes a line: the served policy (servedPolicyInput, the
 * decision the policy replay takes) plus the explanation and projection. It lives in the library
 * so the generator and the policy bench call the same function on the same inputs.
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
