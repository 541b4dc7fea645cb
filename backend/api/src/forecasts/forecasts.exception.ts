import { DomainException } from '../common/domain.exception';

/** Everything the forecast read API refuses: unknown store, sku or category, bad level. */
export class ForecastsException extends DomainException {}
