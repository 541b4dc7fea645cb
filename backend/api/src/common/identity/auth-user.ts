import type { Role } from '@shelfcast/contracts';
import type { Request } from 'express';

/** The signed-in user of a request, as loaded by the AuthGuard from the database. */
export interface AuthUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** The stores a store manager is assigned to; null for roles that see every store. */
  storeIds: readonly number[] | null;
}

export interface AuthenticatedRequest extends Request {
  user?: AuthUser;
}
