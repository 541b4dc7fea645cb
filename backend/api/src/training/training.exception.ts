import { DomainException } from '../common/domain.exception';

/** Everything training refuses: a run already active (409 with its id), bad scope, unknown run. */
export class TrainingException extends DomainException {}
