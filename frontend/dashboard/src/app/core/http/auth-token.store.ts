import { Injectable, computed, signal } from '@angular/core';

/**
 * Holds the API access token. The authentication feature (login page, refresh) sets and clears
 * it; the auth interceptor attaches it to every API call. Kept in memory only: where the token
 * is persisted is the auth feature's decision.
 */
@Injectable({ providedIn: 'root' })
export class AuthTokenStore {
  private readonly tokenSignal = signal<string | null>(null);

  readonly token = this.tokenSignal.asReadonly();
  readonly isAuthenticated = computed(() => this.tokenSignal() !== null);

  set(token: string | null): void {
    this.tokenSignal.set(token && token.trim() ? token : null);
  }

  clear(): void {
    this.tokenSignal.set(null);
  }
}
