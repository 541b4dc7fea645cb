import { DomainException } from '../common/domain.exception';

/** Everything the affinity feature refuses: unknown product or store, a run already going. */
export class AffinityException extends DomainException {}
