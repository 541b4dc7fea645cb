import { DomainException } from '../common/domain.exception';

/** What the override API refuses: unknown store or sku, bad range, nothing served to override. */
export class OverridesException extends DomainException {}
