import type { AuthTokens, Role } from '@shelfcast/contracts';

/** A login/refresh response for tests. */
export function tokens(role: Role = 'planner', n = 1): AuthTokens {
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
