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

/** Refresh token and user survive a reload; the access token lives in memory only. */
export const SESSION_STORAGE_KEY = 'shelfcast.session';

interface StoredSession {
  refreshToken: string;
  user: CurrentUserDto;
}

function isStoredSession(value: unknown): value is StoredSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredSession).refreshToken === 'string' &&
    typeof (value as StoredSession).user === 'object' &&
    (value as StoredSession).user !== null
  );
}

/**
 * The signed-in session: login, logout, token refresh (one request shared by every caller that
 * needs it) and what the current role may do.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(AuthTokenStore);
  private readonly storage = safeLocalStorage();
  private readonly userSignal = signal<CurrentUserDto | null>(null);
  private refreshToken: string | null = null;
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
      .post<AuthTokens>('/api/auth/login', { email, password })
      .pipe(
        tap((t) => this.accept(t)),
        map((t) => t.user),
      );
  }

  /** A fresh access token from the refresh token; concurrent callers share one request. */
  refresh(): Observable<string> {
    if (!this.refreshToken) {
      return throwError(() => new Error('No session to refresh'));
    }
    this.refreshing ??= this.http
      .post<AuthTokens>('/api/auth/refresh', {
        refreshToken: this.refreshToken,
      })
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

  /** Ends the session on the server (best effort) and locally. */
  logout(): Observable<void> {
    const signedIn = this.tokens.token() !== null;
    const done = signedIn
      ? this.http.post<void>('/api/auth/logout', {}).pipe(
          map(() => undefined),
          catchError(() => of(undefined)),
        )
      : of(undefined);
    return done.pipe(finalize(() => this.clear()));
  }

  can(permission: Permission): boolean {
    const role = this.role();
    return role !== null && PERMISSIONS[permission].includes(role);
  }

  clear(): void {
    this.refreshToken = null;
    this.tokens.clear();
    this.userSignal.set(null);
    this.storage?.removeItem(SESSION_STORAGE_KEY);
  }

  private accept(tokens: AuthTokens): void {
    this.tokens.set(tokens.accessToken);
    this.refreshToken = tokens.refreshToken;
    this.userSignal.set(tokens.user);
    const stored: StoredSession = {
      refreshToken: tokens.refreshToken,
      user: tokens.user,
    };
    this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(stored));
  }

  private restore(): void {
    try {
      const raw = this.storage?.getItem(SESSION_STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (isStoredSession(parsed)) {
        this.refreshToken = parsed.refreshToken;
        this.userSignal.set(parsed.user);
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
