import { DomainException } from '../common/domain.exception';

/**
 * The database could not take a write within the bounded wait (another writer holds it):
 * 503 with Retry-After, so the client retries instead of the server stalling.
 */
export class DatabaseBusyException extends DomainException {
  constructor(
    message: string,
    readonly retryAfterSeconds = 2,
  ) {
    super('unavailable', message, { retryAfterSeconds });
  }

  static lockWait(waitMs: number): DatabaseBusyException {
    return new DatabaseBusyException(
      `The database is busy with another write (waited ${Math.round(waitMs)} ms); try again shortly`,
    );
  }
}
