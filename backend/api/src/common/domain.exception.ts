/** What went wrong, in terms the HTTP filter maps to a status code. */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  /** 429; `details.retryAfterSeconds` becomes the Retry-After header. */
  | 'rate_limited';

/**
 * Base of each feature's one exception type. Services throw these; the single
 * {@link DomainExceptionFilter} turns them into HTTP responses with one error body shape.
 */
export abstract class DomainException extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
