import { DomainException } from '../common/domain.exception';

/** What the realized-accuracy API refuses: a reversed day range. */
export class RealizedException extends DomainException {}
