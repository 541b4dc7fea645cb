import type { AuthTokens, Role } from '@shelfcast/contracts';

/**
 * A login/refresh response for tests. `refreshToken` is not part of the response any more (the
 * server sets it as an HttpOnly cookie); it stays here because page specs still write sessions
 * in the format older versions stored, `{ refreshToken, user }`, which the AuthService accepts
 * and rewrites without the token.
 */
export function tokens(
  role: Role = 'planner',
  n = 1,
): AuthTokens & { refreshToken: string } {
  return {
    accessToken: `access-${n}`,
    expiresIn: 900,
    refreshToken: `refresh-${n}`,
    refreshExpiresAt: '2026-12-05T00:00:00Z',
    user: {
      id: 1,
      email: `${role}@demo.shelfcast`,
      displayName: `Demo ${role}`,
      role,
      storeCodes: role === 'store_manager' ? ['S001'] : null,
    },
  };
}
