import { formatDay } from './calendar';
import { csvHeader, csvLine, formatCents, formatNumber, pad } from './csv';
import { iterateSeries } from './simulate';
import type { DemoWorld, SeriesResult } from './world-types';

export function* storeLines(world: DemoWorld): Generator<string> {
  yield csvHeader('stores');
  for (const store of world.stores)
    yield csvLine([store.code, store.name, store.region, store.timezone]);
}

export function* supplierLines(world: DemoWorld): Generator<string> {
  yield csvHeader('suppliers');
  for (const s of world.suppliers)
    yield csvLine([
      s.code,
      s.name,
      s.leadTimeMeanDays,
      s.leadTimeSdDays,
      s.reviewPeriodDays,
    ]);
}

export function* productLines(world: DemoWorld): Generator<string> {
  yield csvHeader('products');
  for (const p of world.products) {
    const attributes = JSON.stringify({
      department: p.category.path.split('/')[0],
      slow_mover: p.slowMover,
      perishable: p.category.shelfLifeDays !== null,
    });
    yield csvLine([
      p.sku,
      p.name,
      p.category.path,
      p.brand,
      formatCents(p.regularPriceCents),
      formatCents(p.unitCostCents),
      p.casePack,
      p.moq,
      p.category.shelfLifeDays ?? '',
      p.supplier.code,
      attributes,
    ]);
  }
}

/** Sales lines of one series (no header). */
export function salesLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const store = world.stores[series.storeIndex];
  const product = world.products[series.productIndex];
  const prefix = `${store.code},${product.sku},`;
  const dates = world.dates;
  const { units, stockout } = series;
  const { priceCents, promo } = product;
  for (let t = 0; t < units.length; t++) {
    const u = units[t];
    const price = priceCents[t];
    out.push(
      `${prefix}${dates[t]},${u},${formatCents(u * price)},${formatCents(price)},${promo[t]},${stockout[t]},day`,
    );
  }
}

/** Inventory snapshot lines of one series for the last inventoryDays (no header). */
export function inventoryLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const prefix = `${world.stores[series.storeIndex].code},${world.products[series.productIndex].sku},`;
  const days = world.options.days;
  for (let t = days - world.options.inventoryDays; t < days; t++)
    out.push(`${prefix}${world.dates[t]},${series.onHand[t]}`);
}

/**
 * Purchase order lines of one series (no header): orders still open at the end of the history
 * (status open, expected_date = planned arrival, possibly overdue) and those received within the
 * inventory window (status received, expected_date = actual arrival).
 */
export function purchaseOrderLinesOf(
  world: DemoWorld,
  series: SeriesResult,
  out: string[],
): void {
  const store = world.stores[series.storeIndex];
  const product = world.products[series.productIndex];
  const days = world.options.days;
  const windowStart = days - world.options.inventoryDays;
  series.orders.forEach((order, index) => {
    const open = order.arrivalDay >= days;
    if (!open && order.arrivalDay < windowStart) return;
    const poNumber = `PO-${store.code}-${product.sku}-${pad(index + 1, 4)}`;
    out.push(
      csvLine([
        poNumber,
        store.code,
        product.sku,
        product.supplier.code,
        order.quantity,
        world.dates[order.orderedDay],
        world.dates[open ? order.expectedDay : order.arrivalDay] ??
          formatDay(
            world.firstDay + (open ? order.expectedDay : order.arrivalDay),
          ),
        open ? 'open' : 'received',
      ]),
    );
  });
}

export function* signalLines(world: DemoWorld): Generator<string> {
  yield csvHeader('signals');
  const total = world.dates.length;
  for (let t = 0; t < total; t++)
    yield `consumer_confidence,global,,${world.dates[t]},${formatNumber(world.consumerConfidence[t], 1)}`;
  for (let t = 0; t < total; t++)
    yield `fuel_price,global,,${world.dates[t]},${formatNumber(world.fuelPrice[t], 3)}`;
  for (const [path, values] of world.searchIndex) {
    for (let t = 0; t < total; t++)
      yield `search_index,category,${path},${world.dates[t]},${formatNumber(values[t], 1)}`;
  }
}

export function* eventLines(world: DemoWorld): Generator<string> {
  yield csvHeader('events');
  for (const event of world.events) {
    yield csvLine([
      event.name,
      event.type,
      formatDay(event.start),
      formatDay(event.end),
      event.scope,
      event.scopeKey,
    ]);
  }
}

export function* seriesDerivedLines(
  world: DemoWorld,
  kind: 'sales' | 'inventory' | 'purchase-orders',
): Generator<string> {
  yield csvHeader(kind);
  const format =
    kind === 'sales'
      ? salesLinesOf
      : kind === 'inventory'
        ? inventoryLinesOf
        : purchaseOrderLinesOf;
  const buffer: string[] = [];
  for (const series of iterateSeries(world)) {
    buffer.length = 0;
    format(world, series, buffer);
    yield* buffer;
  }
}
