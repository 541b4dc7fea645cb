import { DomainException } from '../common/domain.exception';

/** Everything the recommendation workflow refuses: unknown line, bad transition, no serving run. */
export class RecommendationsException extends DomainException {}
