import {
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ROLES, type Role } from '@shelfcast/contracts';
import type { AuthenticatedRequest, AuthUser } from './auth-user';
import { AuthException } from './auth.exception';
import { StoreScope, storeScopeOf } from './store-scope';

export const IS_PUBLIC_KEY = 'shelfcast:public';
export const ROLES_KEY = 'shelfcast:roles';
export const LOGIN_THROTTLE_KEY = 'shelfcast:login-throttle';
export const SSE_TICKET_KEY = 'shelfcast:sse-ticket';

/** Every role: reads that store scoping makes safe for everyone. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Roles that change chain-level data: imports, exports, training. */
export const PLANNERS: readonly Role[] = ['admin', 'planner'];
/** Roles that may decide for stores (overrides, approvals), managers for their stores only. */
export const DECIDERS: readonly Role[] = ['admin', 'planner', 'store_manager'];
/** Roles that see every store (no store scope). */
export const ALL_STORE_ROLES: readonly Role[] = ['admin', 'planner', 'viewer'];

/** Opts a route out of authentication (health, login, refresh). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The roles allowed on a route (or on every route of a controller). A route with neither
 * `@Roles` nor `@Public` is refused for everyone and fails the authorization-matrix test.
 */
export const Roles = (...roles: readonly Role[]) =>
  SetMetadata(ROLES_KEY, [...roles]);

/**
 * Also accepts a one-time `?ticket=` from `POST /api/auth/sse-ticket` — only for Server-Sent
 * Events, which browsers open with EventSource and cannot send headers. Tokens never go in URLs.
 */
export const AllowSseTicket = () => SetMetadata(SSE_TICKET_KEY, true);

/** Counts the route against the strict login throttle (brute-force protection). */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);

function requestUser(ctx: ExecutionContext): AuthUser {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new AuthException('unauthorized', 'Sign in first');
  return user;
}

/** The signed-in user (routes with `@Roles`). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => requestUser(ctx),
);

/** The signed-in user's {@link StoreScope}, to pass to read services. */
export const CurrentStoreScope = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): StoreScope =>
    storeScopeOf(requestUser(ctx)),
);
