/** The four roles. `store_manager` sees and acts on its assigned stores only. */
export const ROLES = ['admin', 'planner', 'store_manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** The signed-in user as the dashboard shows it. `storeCodes` is null for all-store roles. */
export interface CurrentUserDto {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  storeCodes: string[] | null;
}

/**
 * Returned by login and refresh. The access token is a short-lived JWT; the refresh token is
 * opaque and travels only in an HttpOnly cookie (path /api/auth), never in a body.
 */
export interface AuthTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** When the refresh cookie expires (ISO). */
  refreshExpiresAt: string;
  user: CurrentUserDto;
}

/** A one-time ticket for opening a Server-Sent Events stream (`?ticket=`); valid for 30 s. */
export interface SseTicket {
  ticket: string;
  expiresAt: string;
}

export interface UserDto {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  storeCodes: string[];
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreateUserRequest {
  email: string;
  displayName?: string;
  password: string;
  role: Role;
  storeCodes?: string[];
}

export interface UpdateUserRequest {
  displayName?: string;
  password?: string;
  role?: Role;
  active?: boolean;
  storeCodes?: string[];
}

export interface AuditEntryDto {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}
