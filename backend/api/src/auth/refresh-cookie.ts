import type { CookieOptions, Request, Response } from 'express';
import { API_PREFIX } from '../common/api-prefix';

/** The refresh token's cookie: HttpOnly (no script reads it), sent only to the auth routes. */
export const REFRESH_COOKIE = 'shelfcast_refresh';
export const REFRESH_COOKIE_PATH = `/${API_PREFIX}/auth`;

function options(req: Request, forceHttps: boolean): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    // Secure cookies are dropped by browsers on plain HTTP: set it only when HTTPS is in use.
    secure: forceHttps || req.secure,
    path: REFRESH_COOKIE_PATH,
  };
}

export function setRefreshCookie(
  req: Request,
  res: Response,
  token: string,
  expiresAt: Date,
  forceHttps: boolean,
): void {
  res.cookie(REFRESH_COOKIE, token, {
    ...options(req, forceHttps),
    expires: expiresAt,
  });
}

export function clearRefreshCookie(
  req: Request,
  res: Response,
  forceHttps: boolean,
): void {
  res.clearCookie(REFRESH_COOKIE, options(req, forceHttps));
}

/** The refresh cookie's value from the Cookie header; null when absent. */
export function readRefreshCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}
