import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { LevelWithSilent } from 'pino';
import type { AuthenticatedRequest } from '../common/identity/auth-user';
import type { AppConfigValues } from '../config/app-config';
import { API_PREFIX } from '../common/api-prefix';

const LEVELS: Record<AppConfigValues['logLevel'], LevelWithSilent> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** A caller's X-Request-Id is kept when it looks like an id (no log injection), else a new one. */
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

/** Query parameters that carry credentials: their values never reach a log line. */
const SECRET_QUERY = /([?&](?:ticket|access_token|token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]');
}

/** The request id of a request: the caller's X-Request-Id or a new UUID, echoed on the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id =
    typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

interface SerializedReq {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
}

/**
 * Structured JSON logs (pino via nestjs-pino): one line per request with its id, method, URL
 * (credential query parameters redacted), status, duration and — once the AuthGuard has run —
 * the user id. Headers are not logged at all (Authorization, Cookie, Set-Cookie), nor bodies
 * (passwords); `redact` is a second line of defence for anything logged by hand.
 */
export function loggerParams(config: AppConfigValues): Params {
  return {
    // Nest 11's path syntax (the library's default `*` logs a conversion warning at start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: LEVELS[config.logLevel],
      genReqId: requestId,
      customProps: (req) => {
        const user = (req as AuthenticatedRequest).user;
        return user ? { userId: user.id } : {};
      },
      serializers: {
        req: (req: SerializedReq) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'refreshToken',
          '*.refreshToken',
          'accessToken',
          '*.accessToken',
          'ticket',
          '*.ticket',
        ],
        censor: '[Redacted]',
      },
      autoLogging: {
        // Load balancers poll health every few seconds: not worth a line each.
        ignore: (req) => (req.url ?? '').startsWith(`/${API_PREFIX}/health`),
      },
    },
  };
}
