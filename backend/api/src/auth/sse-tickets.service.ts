import { Injectable } from '@nestjs/common';
import type { SseTicket } from '@shelfcast/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { UsersService } from '../users/users.service';
import type { AuthUser } from '../common/identity/auth-user';
import { AuthException } from '../common/identity/auth.exception';

/** How long a ticket may wait before it is redeemed: enough to open an EventSource. */
export const SSE_TICKET_TTL_MS = 30_000;

interface Issued {
  userId: number;
  role: AuthUser['role'];
  tokenVersion: number;
  storeIds: string;
  expiresAt: number;
}

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');
const storeKey = (ids: readonly number[] | null) =>
  ids === null ? '*' : ids.join(',');

/**
 * One-time tickets for Server-Sent Events. A browser's EventSource cannot send an Authorization
 * header, and an access token in the URL ends up in proxy logs and browser history; so the
 * dashboard POSTs (with its bearer token) for a random ticket and opens `…/events?ticket=…`.
 * A ticket works once, for 30 s, and only while the user's session, role and stores are what
 * they were when it was issued. Only its hash is kept, in this process's memory: the API
 * serves its event streams from the process that issued the ticket.
 */
@Injectable()
export class SseTicketService {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly users: UsersService) {}

  async issue(user: AuthUser): Promise<SseTicket> {
    const record = await this.users.authRecord(user.id);
    if (!record) throw new AuthException('unauthorized', 'Sign in first');
    const now = Date.now();
    this.sweep(now);
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = now + SSE_TICKET_TTL_MS;
    this.issued.set(sha256(ticket), {
      userId: user.id,
      role: user.role,
      tokenVersion: record.tokenVersion,
      storeIds: storeKey(user.storeIds),
      expiresAt,
    });
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The user a ticket was issued to, consuming it; a 401 for an unknown, used or expired one. */
  async redeem(ticket: string): Promise<AuthUser> {
    const refused = () =>
      new AuthException(
        'unauthorized',
        'The event-stream ticket is unknown, used or expired; ask for a new one',
      );
    const key = sha256(ticket);
    const entry = this.issued.get(key);
    // Deleted before any await: two concurrent redemptions cannot both succeed.
    this.issued.delete(key);
    if (!entry || entry.expiresAt <= Date.now()) throw refused();
    const record = await this.users.authRecord(entry.userId);
    if (
      !record ||
      !record.active ||
      record.tokenVersion !== entry.tokenVersion ||
      record.role !== entry.role
    )
      throw refused();
    const user = await this.users.toAuthUser(record);
    if (storeKey(user.storeIds) !== entry.storeIds) throw refused();
    return user;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.issued)
      if (entry.expiresAt <= now) this.issued.delete(key);
  }
}
