import { DomainException } from '../common/domain.exception';

/** Everything the imports feature refuses: unknown kind, no file, unknown import id. */
export class ImportsException extends DomainException {}
