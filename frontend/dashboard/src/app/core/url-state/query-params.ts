import { type Signal, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Params, Router } from '@angular/router';

/** How one query parameter is read from and written to the URL. */
export interface QueryParamCodec<T> {
  parse(raw: string | null): T;
  /** null removes the parameter (used for the default value, keeping URLs short). */
  serialize(value: T): string | null;
}

/** One of a fixed list of values; anything else in the URL reads as the fallback. */
export function enumParam<const T extends string>(
  values: readonly T[],
  fallback: T,
): QueryParamCodec<T> {
  return {
    parse: (raw) =>
      raw !== null && (values as readonly string[]).includes(raw)
        ? (raw as T)
        : fallback,
    serialize: (value) => (value === fallback ? null : value),
  };
}

/** Like enumParam, but absent means "no filter" (null). */
export function optionalEnumParam<const T extends string>(
  values: readonly T[],
): QueryParamCodec<T | null> {
  return {
    parse: (raw) =>
      raw !== null && (values as readonly string[]).includes(raw)
        ? (raw as T)
        : null,
    serialize: (value) => value,
  };
}

export function stringParam(fallback = ''): QueryParamCodec<string> {
  return {
    parse: (raw) => raw ?? fallback,
    serialize: (value) => (value === fallback ? null : value),
  };
}

export function intParam(
  fallback: number,
  min = Number.MIN_SAFE_INTEGER,
): QueryParamCodec<number> {
  return {
    parse: (raw) => {
      const n = raw === null ? Number.NaN : Number(raw);
      return Number.isInteger(n) && n >= min ? n : fallback;
    },
    serialize: (value) => (value === fallback ? null : String(value)),
  };
}

type Codecs = Record<string, QueryParamCodec<unknown>>;
export type QueryState<C extends Codecs> = {
  [K in keyof C]: C[K] extends QueryParamCodec<infer T> ? T : never;
};

export interface QueryParams<C extends Codecs> {
  /** The parsed page state, updated on every navigation. */
  readonly state: Signal<QueryState<C>>;
  /** Writes some parameters to the URL (replacing the history entry), keeping the others. */
  patch(values: Partial<QueryState<C>>): Promise<boolean>;
}

/**
 * Page state (filters, selections) kept in the URL, so a reload or a shared link shows the same
 * view. Call in a routed component's injection context:
 *
 *   readonly query = injectQueryParams({ kind: enumParam(IMPORT_KINDS, 'sales') });
 *   this.query.state().kind; this.query.patch({ kind: 'stores' });
 */
export function injectQueryParams<C extends Codecs>(codecs: C): QueryParams<C> {
  const route = inject(ActivatedRoute);
  const router = inject(Router);
  const paramMap = toSignal(route.queryParamMap, {
    initialValue: route.snapshot.queryParamMap,
  });

  const state = computed(() => {
    const map = paramMap();
    const result: Record<string, unknown> = {};
    for (const [name, codec] of Object.entries(codecs)) {
      result[name] = codec.parse(map.get(name));
    }
    return result as QueryState<C>;
  });

  return {
    state,
    patch: (values) => {
      const queryParams: Params = {};
      for (const [name, value] of Object.entries(values)) {
        const codec = codecs[name];
        if (codec) {
          queryParams[name] = codec.serialize(value);
        }
      }
      return router.navigate([], {
        relativeTo: route,
        queryParams,
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    },
  };
}
