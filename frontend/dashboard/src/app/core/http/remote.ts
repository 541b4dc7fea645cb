import { DestroyRef, computed, inject, signal } from '@angular/core';
import { type Observable, Subject, catchError, map, of, switchMap } from 'rxjs';
import { type ApiError, toApiError } from './api-error';

export type RemoteState<T> =
  | { status: 'loading'; value: T | null }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: ApiError; value: T | null };

export interface Remote<T> {
  readonly state: () => RemoteState<T>;
  readonly value: () => T | null;
  readonly loading: () => boolean;
  readonly error: () => ApiError | null;
  /** Loads again (cancelling a load in flight); the last value stays visible meanwhile. */
  reload(): void;
}

/**
 * Loading / value / error signals for one API call, with retry. Call in an injection context
 * (a component field); the request is cancelled when the component is destroyed.
 */
export function remote<T>(load: () => Observable<T>): Remote<T> {
  const state = signal<RemoteState<T>>({ status: 'loading', value: null });
  const trigger = new Subject<void>();
  const subscription = trigger
    .pipe(
      switchMap(() => {
        const previous = state().value;
        state.set({ status: 'loading', value: previous });
        return load().pipe(
          map((value): RemoteState<T> => ({ status: 'ok', value })),
          catchError((error: unknown) =>
            of<RemoteState<T>>({
              status: 'error',
              error: toApiError(error),
              value: previous,
            }),
          ),
        );
      }),
    )
    .subscribe((next) => state.set(next));
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  trigger.next();

  const current = state.asReadonly();
  return {
    state: current,
    value: computed(() => current().value),
    loading: computed(() => current().status === 'loading'),
    error: computed(() => {
      const s = current();
      return s.status === 'error' ? s.error : null;
    }),
    reload: () => trigger.next(),
  };
}
