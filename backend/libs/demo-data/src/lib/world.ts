import { dayOfWeek, dayOfYear, formatDay, parseIsoDate } from './calendar';
import {
  CATEGORIES,
  CONFIDENCE_LOADING,
  FUEL_LOADING,
  REGIONS,
  SEARCH_LOADING,
  SUPPLIERS,
  buildEvents,
  type CategorySpec,
  type DemoEvent,
} from './catalog';
import { buildAssortment } from './assortment';
import { pad } from './csv';
import {
  type DemoOptions,
  type ResolvedDemoOptions,
  resolveDemoOptions,
} from './options';
import { buildProducts } from './products';
import { Rng, hashSeed } from './prng';
import { STREAM } from './streams';
import type { DemoStore, DemoWorld } from './world-types';

function buildStores(options: ResolvedDemoOptions): DemoStore[] {
  const rng = new Rng(hashSeed(options.seed, STREAM.stores));
  const stores: DemoStore[] = [];
  for (let i = 0; i < options.stores; i++) {
    const regionIndex = i % REGIONS.length;
    const region = REGIONS[regionIndex];
    const round = Math.floor(i / REGIONS.length);
    const city = region.cities[round % region.cities.length];
    const suffix =
      round >= region.cities.length
        ? ` ${Math.floor(round / region.cities.length) + 1}`
        : '';
    stores.push({
      code: `S${pad(i + 1, 3)}`,
      name: `Shelfcast ${city}${suffix}`,
      region: region.name,
      regionIndex,
      timezone: region.timezone,
      size: Math.min(2.5, Math.max(0.4, Math.exp(0.35 * rng.normal()))),
    });
  }
  return stores;
}

function buildSignals(
  options: ResolvedDemoOptions,
  total: number,
  firstDay: number,
) {
  const rng = new Rng(hashSeed(options.seed, STREAM.signals));
  const consumerConfidence = new Float64Array(total);
  const fuelPrice = new Float64Array(total);
  // Consumer confidence: mean-reverting AR(1) around 100 (stationary sd about 7) with rare shocks.
  let cc = 100 + 6 * rng.normal();
  let fuelDeviation = 0.3 * rng.normal();
  for (let t = 0; t < total; t++) {
    cc = 100 + 0.995 * (cc - 100) + 0.7 * rng.normal();
    if (rng.bool(0.004)) cc += rng.uniform(-8, 6);
    consumerConfidence[t] = Math.round(cc * 10) / 10;
    // Fuel price (USD/gal): mean-reverting deviation around 3.40 plus a summer driving-season bump.
    fuelDeviation = 0.997 * fuelDeviation + 0.025 * rng.normal();
    const doy = dayOfYear(firstDay + t);
    const seasonal = 0.18 * Math.cos((2 * Math.PI * (doy - 170)) / 365.25);
    fuelPrice[t] =
      Math.round(Math.max(2, 3.4 + seasonal + fuelDeviation) * 1000) / 1000;
  }
  const searchIndex = new Map<string, Float64Array>();
  for (const category of CATEGORIES) {
    if (!category.searchSignal) continue;
    const values = new Float64Array(total);
    const seasonalAmp = category.tag === 'summer' ? 0.8 : 0.1;
    // A "viral" bump: a few months of elevated interest at a random time in the history.
    const bumpCenter = rng.int(
      Math.floor(total * 0.2),
      Math.floor(total * 0.8),
    );
    const bumpHeight = rng.uniform(0.5, 0.9);
    let noise = 0;
    for (let t = 0; t < total; t++) {
      noise = 0.9 * noise + 0.05 * rng.normal();
      const doy = dayOfYear(firstDay + t);
      const seasonal =
        seasonalAmp *
        Math.cos((2 * Math.PI * (doy - category.yearlyPeakDoy)) / 365.25);
      const bump =
        bumpHeight * Math.exp(-0.5 * Math.pow((t - bumpCenter) / 25, 2));
      values[t] =
        Math.round(
          Math.min(100, Math.max(1, 40 * Math.exp(seasonal + bump + noise))) *
            10,
        ) / 10;
    }
    searchIndex.set(category.path, values);
  }
  return { consumerConfidence, fuelPrice, searchIndex };
}

function eventLift(event: DemoEvent, tag: CategorySpec['tag']): number {
  return event.lift[tag] ?? event.defaultLift;
}

/** Builds everything except the per-series simulation. Cheap (milliseconds). */
export function buildDemoWorld(options: DemoOptions = {}): DemoWorld {
  const resolved = resolveDemoOptions(options);
  const days = resolved.days;
  const lastDay = parseIsoDate(resolved.endDate);
  const firstDay = lastDay - days + 1;
  const total = days + resolved.futureDays;
  const dates: string[] = [];
  const weekday = new Uint8Array(total);
  for (let t = 0; t < total; t++) {
    dates.push(formatDay(firstDay + t));
    weekday[t] = dayOfWeek(firstDay + t);
  }
  const stores = buildStores(resolved);
  const products = buildProducts(resolved);
  const events = buildEvents(firstDay, firstDay + total - 1);
  const { consumerConfidence, fuelPrice, searchIndex } = buildSignals(
    resolved,
    total,
    firstDay,
  );

  const categoryDay = CATEGORIES.map((category) => {
    const values = new Float64Array(days);
    const search = searchIndex.get(category.path);
    let searchMean = 1;
    if (search) {
      let sum = 0;
      for (let t = 0; t < days; t++) sum += search[t];
      searchMean = sum / days;
    }
    for (let t = 0; t < days; t++) {
      const doy = dayOfYear(firstDay + t);
      const yearly = Math.exp(
        category.yearlyAmplitude *
          Math.cos((2 * Math.PI * (doy - category.yearlyPeakDoy)) / 365.25),
      );
      const confidence = Math.exp(
        CONFIDENCE_LOADING[category.tag] * ((consumerConfidence[t] - 100) / 5),
      );
      const fuel = Math.exp(FUEL_LOADING * (fuelPrice[t] - 3.4));
      const searchEffect = search
        ? Math.pow(search[t] / searchMean, SEARCH_LOADING)
        : 1;
      values[t] = yearly * confidence * fuel * searchEffect;
    }
    applyEvents(values, events, category, firstDay, 'global', '');
    return values;
  });
  const regionCategoryDay = REGIONS.map((region) =>
    CATEGORIES.map((category) => {
      const values = new Float64Array(days).fill(1);
      applyEvents(values, events, category, firstDay, 'region', region.name);
      return values;
    }),
  );
  return {
    options: resolved,
    firstDay,
    dates,
    stores,
    suppliers: SUPPLIERS,
    products,
    events,
    consumerConfidence,
    fuelPrice,
    searchIndex,
    categoryDay,
    regionCategoryDay,
    weekday,
    carried: buildAssortment(resolved.seed, resolved.stores, resolved.products),
  };
}

function applyEvents(
  values: Float64Array,
  events: DemoEvent[],
  category: CategorySpec,
  firstDay: number,
  scope: DemoEvent['scope'],
  scopeKey: string,
): void {
  const days = values.length;
  for (const event of events) {
    if (event.scope !== scope || event.scopeKey !== scopeKey) continue;
    const full = event.type === 'closure' ? 0 : eventLift(event, category.tag);
    for (let d = event.start - event.leadDays; d <= event.end; d++) {
      const t = d - firstDay;
      if (t < 0 || t >= days) continue;
      if (full === 0) {
        values[t] = 0;
        continue;
      }
      // Linear ramp-up over the lead days, full effect on the event days themselves.
      const ramp =
        d >= event.start
          ? 1
          : (d - (event.start - event.leadDays) + 1) / (event.leadDays + 1);
      values[t] *= 1 + (full - 1) * ramp;
    }
  }
}
