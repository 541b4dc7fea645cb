import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainErrorKind, DomainException } from './domain.exception';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

/** The one error body every endpoint returns. Stack traces never leave the server. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: Record<string, unknown>;
}

@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error
          ? (exception.stack ?? exception.message)
          : String(exception),
      );
    }
    if (response.headersSent) return;
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== null) response.setHeader('Retry-After', retryAfter);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      const statusCode = STATUS[exception.kind];
      return {
        statusCode,
        error: exception.name,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const message =
        typeof res === 'object' && res !== null && 'message' in res
          ? (res as { message: string | string[] }).message
          : exception.message;
      return {
        statusCode: exception.getStatus(),
        error: exception.name,
        message,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'InternalServerError',
      message: 'Something went wrong on the server; it has been logged.',
    };
  }
}

/** A domain exception that says when to retry (e.g. a busy database) sets Retry-After. */
function retryAfterSeconds(exception: unknown): number | null {
  if (!(exception instanceof DomainException)) return null;
  // A busy database says it as a property; a login back-off in the body's details.
  const value =
    (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds ??
    exception.details?.['retryAfterSeconds'];
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : null;
}
