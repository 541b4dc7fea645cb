import { computed, inject, linkedSignal, signal } from '@angular/core';
import type { IssuedForecast } from '@shelfcast/contracts';
import type { ForecastOverlay } from '@shelfcast/charts';
import { remoteFor } from '../../core/http/remote-for';
import { I18n } from '../../core/i18n/i18n';
import { ForecastsService, type SeriesQuery } from './forecasts.service';

/** How many of the latest issued forecasts the explorer offers. */
export const PAST_ORIGINS = 8;
/** How many of them are laid over at first. */
export const PAST_SHOWN = 3;

/** Issued forecasts → chart overlays named by their origin. */
export function issuedOverlays(
  issued: readonly IssuedForecast[],
  name: (origin: string) => string,
): ForecastOverlay[] {
  return issued.map((i) => ({
    key: i.origin,
    name: name(i.origin),
    points: i.points.map((p) => ({
      date: p.date,
      p10: p.p10,
      p50: p.p50,
      p90: p.p90,
    })),
  }));
}

/**
 * The "Past forecasts" toggle of a single series: when on, loads the forecasts issued at the
 * latest origins and lays the chosen ones (the newest {@link PAST_SHOWN} unless picked) over the
 * chart against what sold. Call in an injection context.
 */
export function pastForecasts(query: () => SeriesQuery | null) {
  const api = inject(ForecastsService);
  const i18n = inject(I18n);
  const enabled = signal(false);
  const series = computed(() => {
    const q = query();
    return q?.level === 'series' && q.store && q.sku
      ? { store: q.store, sku: q.sku }
      : null;
  });
  // The origins picked by hand; another series starts again from the newest ones.
  const picked = linkedSignal<string, readonly string[] | null>({
    source: () => JSON.stringify(series()),
    computation: () => null,
  });
  const issued = remoteFor(
    () => (enabled() ? series() : null),
    (s) => api.issued(s.store, s.sku, PAST_ORIGINS),
  );
  const origins = computed(() => (issued.value() ?? []).map((i) => i.origin));
  const chosen = computed(() => picked() ?? origins().slice(0, PAST_SHOWN));
  const overlays = computed<ForecastOverlay[] | null>(() => {
    // While another series loads, the previous one's forecasts are not drawn over it.
    if (!enabled() || !series() || issued.loading()) return null;
    const keep = new Set(chosen());
    return issuedOverlays(
      (issued.value() ?? []).filter((i) => keep.has(i.origin)),
      (origin) =>
        i18n.t('forecasts.past.issued', { origin: i18n.formatDate(origin) }),
    );
  });
  return {
    enabled: enabled.asReadonly(),
    issued,
    origins,
    chosen,
    overlays,
    /** Nothing issued for the series yet (after loading). */
    none: computed(
      () =>
        enabled() && issued.state().status === 'ok' && origins().length === 0,
    ),
    toggle(on: boolean): void {
      enabled.set(on);
      picked.set(null);
    },
    choose(list: readonly string[]): void {
      picked.set(list);
    },
  };
}

export type PastForecasts = ReturnType<typeof pastForecasts>;
