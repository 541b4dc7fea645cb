import { DestroyRef, computed, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import {
  type Observable,
  Subject,
  catchError,
  combineLatest,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { toApiError } from './api-error';
import type { Remote, RemoteState } from './remote';

/**
 * Like `remote()`, but loads again whenever `params()` changes (compared by value, so a URL
 * update that leaves the parameters equal does not reload). `null` parameters mean "nothing to
 * load": the state is ok with a null value and no request is made. Call in an injection context.
 */
export function remoteFor<P, T>(
  params: () => P | null,
  load: (params: P) => Observable<T>,
): Remote<T | null> {
  const state = signal<RemoteState<T | null>>({
    status: 'loading',
    value: null,
  });
  const reload = new Subject<void>();
  const key = computed(() => params(), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const subscription = combineLatest([
    toObservable(key),
    reload.pipe(startWith(undefined)),
  ])
    .pipe(
      switchMap(([p]) => {
        if (p === null) {
          return of<RemoteState<T | null>>({ status: 'ok', value: null });
        }
        const previous = state().value;
        state.set({ status: 'loading', value: previous });
        return load(p).pipe(
          map((value): RemoteState<T | null> => ({ status: 'ok', value })),
          catchError((error: unknown) =>
            of<RemoteState<T | null>>({
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

  const current = state.asReadonly();
  return {
    state: current,
    value: computed(() => current().value),
    loading: computed(() => current().status === 'loading'),
    error: computed(() => {
      const s = current();
      return s.status === 'error' ? s.error : null;
    }),
    reload: () => reload.next(),
  };
}
