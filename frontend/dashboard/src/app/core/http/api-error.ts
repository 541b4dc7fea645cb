import { HttpErrorResponse } from '@angular/common/http';

export type ApiErrorKind =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'client'
  | 'server'
  | 'unknown';

/** A failed API call, reduced to what the UI shows. */
export interface ApiError {
  kind: ApiErrorKind;
  status: number;
  /** The server's own message when it sent one (NestJS: `{ message }`), else null. */
  detail: string | null;
  /** The response body, for callers that understand it (e.g. a rejected import report). */
  body: unknown;
}

function serverMessage(body: unknown): string | null {
  if (typeof body === 'string' && body.trim() && !body.trim().startsWith('<')) {
    return body.trim().slice(0, 300);
  }
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') {
      return message;
    }
    if (Array.isArray(message)) {
      return message.filter((m) => typeof m === 'string').join('; ') || null;
    }
  }
  return null;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const status = error.status;
    const kind: ApiErrorKind =
      status === 0
        ? 'network'
        : status === 401
          ? 'unauthorized'
          : status === 403
            ? 'forbidden'
            : status === 404
              ? 'not-found'
              : status >= 500
                ? 'server'
                : status >= 400
                  ? 'client'
                  : 'unknown';
    return {
      kind,
      status,
      detail: serverMessage(error.error),
      body: error.error,
    };
  }
  return {
    kind: 'unknown',
    status: 0,
    detail: error instanceof Error ? error.message : null,
    body: null,
  };
}
