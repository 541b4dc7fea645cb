import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { AuthTokens, CurrentUserDto, Role } from '@shelfcast/contracts';
import {
  type Observable,
  catchError,
  finalize,
  map,
  of,
  shareReplay,
  switchMap,
  tap,
  throwError,
} from 'rxjs';
import { AuthTokenStore } from '../http/auth-token.store';

/** What the UI may offer a role (the API enforces the same rules; this only hides buttons). */
export type Permission =
  | 'import'
  | 'export'
  | 'train'
  | 'approve'
  | 'override'
  | 'manageUsers';

const PERMISSIONS: Record<Permission, readonly Role[]> = {
  import: ['admin', 'planner'],
  export: ['admin', 'planner'],
  train: ['admin', 'planner'],
  approve: ['admin', 'planner', 'store_manager'],
  override: ['admin', 'planner', 'store_manager'],
  manageUsers: ['admin'],
};

/**
 * Only the signed-in user (name, role, stores: what the shell shows) survives a reload. The
 * refresh token is an HttpOnly cookie scripts cannot read, and the access token lives in memory:
 * after a reload the first API call gets a 401 and the refresh interceptor fetches a new one.
 */
export const SESSION_STORAGE_KEY = 'shelfcast.session';

interface StoredSession {
  user: CurrentUserDto;
}

function isStoredSession(value: unknown): value is StoredSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredSession).user === 'object' &&
    (value as StoredSession).user !== null
  );
}

/**
 * The signed-in session: login, logout, token refresh through the refresh cookie (one request
 * shared by every caller that needs it) and what the current role may do.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(AuthTokenStore);
  private readonly storage = safeLocalStorage();
  private readonly userSignal = signal<CurrentUserDto | null>(null);
  private refreshing: Observable<string> | null = null;

  readonly user = this.userSignal.asReadonly();
  readonly role = computed(() => this.userSignal()?.role ?? null);
  /** A session exists (the access token may still need a refresh). */
  readonly isSignedIn = computed(() => this.userSignal() !== null);

  constructor() {
    this.restore();
  }

  login(email: string, password: string): Observable<CurrentUserDto> {
    return this.http
      .post<AuthTokens>(
        '/api/auth/login',
        { email, password },
        { withCredentials: true },
      )
      .pipe(
        tap((t) => this.accept(t)),
        map((t) => t.user),
      );
  }

  /** A fresh access token from the refresh cookie; concurrent callers share one request. */
  refresh(): Observable<string> {
    if (!this.isSignedIn()) {
      return throwError(() => new Error('No session to refresh'));
    }
    this.refreshing ??= this.http
      .post<AuthTokens>('/api/auth/refresh', {}, { withCredentials: true })
      .pipe(
        tap((t) => this.accept(t)),
        map((t) => t.accessToken),
        catchError((error: unknown) => {
          this.clear();
          return throwError(() => error);
        }),
        finalize(() => (this.refreshing = null)),
        shareReplay(1),
      );
    return this.refreshing;
  }

  /**
   * Ends the session on the server (best effort; it also clears the refresh cookie) and locally.
   * After a reload there is no access token yet: one refresh first, so the server-side session
   * (and its cookie) really ends instead of outliving the sign-out.
   */
  logout(): Observable<void> {
    const token = this.tokens.token();
    const access: Observable<string | null> =
      token !== null
        ? of(token)
        : this.isSignedIn()
          ? this.refresh().pipe(catchError(() => of(null)))
          : of(null);
    return access.pipe(
      switchMap((t) =>
        t === null
          ? of(undefined)
          : this.http
              .post<void>('/api/auth/logout', {}, { withCredentials: true })
              .pipe(
                map(() => undefined),
                catchError(() => of(undefined)),
              ),
      ),
      finalize(() => this.clear()),
    );
  }

  can(permission: Permission): boolean {
    const role = this.role();
    return role !== null && PERMISSIONS[permission].includes(role);
  }

  clear(): void {
    this.tokens.clear();
    this.userSignal.set(null);
    this.storage?.removeItem(SESSION_STORAGE_KEY);
  }

  private accept(tokens: AuthTokens): void {
    this.tokens.set(tokens.accessToken);
    this.userSignal.set(tokens.user);
    const stored: StoredSession = { user: tokens.user };
    this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(stored));
  }

  private restore(): void {
    try {
      const raw = this.storage?.getItem(SESSION_STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (isStoredSession(parsed)) {
        this.userSignal.set(parsed.user);
        // Sessions saved by older versions also held the refresh token: keep only the user.
        const stored: StoredSession = { user: parsed.user };
        this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(stored));
      }
    } catch {
      this.storage?.removeItem(SESSION_STORAGE_KEY);
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
