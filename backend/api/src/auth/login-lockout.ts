import type { LoginLockoutConfig } from '../config/security-config';

interface AccountState {
  failures: number;
  lastFailureAt: number;
  /** Lockouts since the account's failures were last forgotten: each doubles the next. */
  lockouts: number;
  lockedUntil: number;
}

/** What a failed login did to its account: null, or a new lockout of `seconds`. */
export interface Lockout {
  seconds: number;
  failures: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Per-account login back-off, independent of the client address (the per-IP throttle does not
 * stop one password guessed from many addresses). After `threshold` failed logins of one email
 * the account is locked for `baseSeconds`, then twice as long after each further `threshold`
 * failures, up to `maxSeconds`; while locked every attempt is refused, the right password too.
 * The counts are forgotten `windowSeconds` after the last failure (or on a successful login).
 * Unknown emails are counted like real ones, so a lockout reveals nothing about who exists.
 * Kept in memory: a restart forgets the counts, which the per-IP throttle still bounds.
 */
export class LoginLockout {
  private readonly accounts = new Map<string, AccountState>();
  private sweepAt = 0;

  constructor(
    private readonly config: LoginLockoutConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the account may try again; 0 when it is not locked. */
  retryAfter(email: string): number {
    const state = this.accounts.get(key(email));
    const left = state ? state.lockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Counts a failed login; returns the lockout it started, if it started one. */
  fail(email: string): Lockout | null {
    const now = this.now();
    this.sweep(now);
    const id = key(email);
    let state = this.accounts.get(id);
    if (!state || now - state.lastFailureAt > this.windowMs()) {
      state = { failures: 0, lastFailureAt: now, lockouts: 0, lockedUntil: 0 };
      this.accounts.set(id, state);
    }
    state.failures++;
    state.lastFailureAt = now;
    if (state.failures < this.config.threshold) return null;
    const failures = state.failures;
    state.failures = 0;
    state.lockouts++;
    const seconds = Math.min(
      this.config.maxSeconds,
      this.config.baseSeconds * 2 ** Math.min(state.lockouts - 1, 30),
    );
    state.lockedUntil = now + seconds * 1000;
    return { seconds, failures };
  }

  succeed(email: string): void {
    this.accounts.delete(key(email));
  }

  private windowMs(): number {
    return this.config.windowSeconds * 1000;
  }

  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + SWEEP_EVERY_MS;
    for (const [id, state] of this.accounts)
      if (
        state.lockedUntil <= now &&
        now - state.lastFailureAt > this.windowMs()
      )
        this.accounts.delete(id);
  }
}

function key(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}
