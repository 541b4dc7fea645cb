import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_FORMATS, IMPORT_KINDS } from '@shelfcast/contracts';
import { parseCsvLine } from './csv';
import {
  DEMO_IMPORT_ORDER,
  buildDemoWorld,
  carries,
  generateDemo,
  simulateSeries,
  type DemoCsv,
  type DemoImportKind,
} from './generator';
import { writeDemoCsv } from './writer';

const OPTIONS = { stores: 5, products: 52, days: 730, seed: 7 };

const DEMO_KINDS: readonly DemoImportKind[] = IMPORT_KINDS;

function rowsOf(csv: DemoCsv, kind: DemoImportKind): string[][] {
  const rows: string[][] = [];
  for (const line of csv[kind]) rows.push(parseCsvLine(line));
  return rows;
}

function digest(csv: DemoCsv): string {
  const hash = createHash('sha256');
  for (const kind of DEMO_KINDS)
    for (const line of csv[kind]) hash.update(`${line}\n`);
  return hash.digest('hex');
}

interface SalesRow {
  store: string;
  sku: string;
  date: string;
  units: number;
  revenue: number;
  price: number;
  promo: number;
  stockout: number;
}

const world = buildDemoWorld(OPTIONS);
const csv = generateDemo(OPTIONS);
const salesRows: SalesRow[] = rowsOf(csv, 'sales')
  .slice(1)
  .map((r) => ({
    store: r[0],
    sku: r[1],
    date: r[2],
    units: Number(r[3]),
    revenue: Number(r[4]),
    price: Number(r[5]),
    promo: Number(r[6]),
    stockout: Number(r[7]),
  }));
const carriedCells = world.carried.reduce((n, c) => n + c, 0);
const dayIndex = new Map(world.dates.map((d, i) => [d, i]));
const productBySku = new Map(world.products.map((p) => [p.sku, p]));

/** units[productIndex][day] summed over stores, from the CSV rows. */
const unitsByProductDay: Float64Array[] = world.products.map(
  () => new Float64Array(OPTIONS.days),
);
const skuIndex = new Map(world.products.map((p, i) => [p.sku, i]));
for (const row of salesRows) {
  unitsByProductDay[skuIndex.get(row.sku) ?? -1][
    dayIndex.get(row.date) ?? -1
  ] += row.units;
}
const mean = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
};
const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const regularProducts = world.products
  .map((p, i) => ({ p, i }))
  .filter(({ p }) => !p.slowMover);

describe('generateDemo', () => {
  it('produces exactly the CSV_FORMATS header for every import kind', () => {
    for (const kind of DEMO_KINDS) {
      const first = csv[kind][Symbol.iterator]().next();
      expect(first.value).toBe(CSV_FORMATS[kind].map((c) => c.name).join(','));
      const width = CSV_FORMATS[kind].length;
      let checked = 0;
      for (const line of csv[kind]) {
        expect(parseCsvLine(line)).toHaveLength(width);
        if (++checked >= 500) break;
      }
    }
    expect([...DEMO_IMPORT_ORDER].sort()).toEqual([...DEMO_KINDS].sort());
  });

  it('is deterministic: same seed gives identical bytes, another seed differs', () => {
    const small = { stores: 2, products: 15, days: 120 };
    const a = digest(generateDemo({ ...small, seed: 42 }));
    expect(digest(generateDemo({ ...small, seed: 42 }))).toBe(a);
    expect(digest(generateDemo({ ...small, seed: 43 }))).not.toBe(a);
  });

  it('one sales row per carried store x product x day, with codes that exist in the other files', () => {
    expect(salesRows).toHaveLength(carriedCells * OPTIONS.days);
    // The flagship carries everything; the other stores leave out a few products.
    expect(carriedCells).toBeLessThan(OPTIONS.stores * OPTIONS.products);
    expect(carriedCells).toBeGreaterThan(
      0.85 * OPTIONS.stores * OPTIONS.products,
    );
    expect(
      new Set(salesRows.filter((r) => r.store === 'S001').map((r) => r.sku))
        .size,
    ).toBe(OPTIONS.products);
    const stores = new Set(
      rowsOf(csv, 'stores')
        .slice(1)
        .map((r) => r[0]),
    );
    const products = rowsOf(csv, 'products').slice(1);
    const skus = new Set(products.map((r) => r[0]));
    const suppliers = new Set(
      rowsOf(csv, 'suppliers')
        .slice(1)
        .map((r) => r[0]),
    );
    const regions = new Set(
      rowsOf(csv, 'stores')
        .slice(1)
        .map((r) => r[2]),
    );
    const categories = new Set(products.map((r) => r[2]));
    expect(stores.size).toBe(OPTIONS.stores);
    expect(regions.size).toBe(5);
    expect(categories.size).toBe(13);
    for (const p of products) {
      expect(suppliers.has(p[9])).toBe(true);
      expect(p[2].split('/')).toHaveLength(3);
      expect(['6', '12', '24']).toContain(p[6]);
      expect(() => JSON.parse(p[10])).not.toThrow();
    }
    const seen = new Set<string>();
    let unknown = 0;
    for (const row of salesRows) {
      if (!stores.has(row.store) || !skus.has(row.sku)) unknown++;
      seen.add(`${row.store}|${row.sku}|${row.date}`);
    }
    expect(unknown).toBe(0);
    expect(seen.size).toBe(salesRows.length);
    for (const kind of ['inventory', 'purchase-orders'] as const) {
      const rows = rowsOf(csv, kind).slice(1);
      const bad = rows.filter((r) => {
        const [store, sku] = kind === 'inventory' ? [r[0], r[1]] : [r[1], r[2]];
        return !stores.has(store) || !skus.has(sku);
      });
      expect(bad).toEqual([]);
    }
    for (const e of rowsOf(csv, 'events').slice(1)) {
      if (e[4] === 'region') expect(regions.has(e[5])).toBe(true);
    }
    for (const s of rowsOf(csv, 'signals').slice(1)) {
      if (s[1] === 'category') expect(categories.has(s[2])).toBe(true);
    }
  });

  it('revenue = units x price paid; promo days are priced below the regular price', () => {
    const wrong = salesRows.filter(
      (r) =>
        Math.abs(r.revenue - r.units * r.price) > 0.005 ||
        r.units < 0 ||
        !Number.isInteger(r.units),
    );
    expect(wrong).toEqual([]);
    const promoRow = salesRows.find((r) => r.promo === 1);
    const product = productBySku.get(promoRow?.sku ?? '');
    expect(promoRow && product).toBeTruthy();
    if (promoRow && product) {
      const t = dayIndex.get(promoRow.date) ?? 0;
      expect(product.promo[t]).toBe(1);
      expect(promoRow.price).toBeLessThan(product.regularPriceCents / 100 + 5);
    }
  });

  it('has a weekly pattern with a weekend peak', () => {
    const byWeekday = new Float64Array(7);
    for (const row of salesRows)
      byWeekday[new Date(`${row.date}T00:00:00Z`).getUTCDay()] += row.units;
    const weekend = (byWeekday[0] + byWeekday[6]) / 2;
    const midweek = (byWeekday[2] + byWeekday[3]) / 2;
    expect(weekend / midweek).toBeGreaterThan(1.3);
  });

  it('has yearly seasonality: ice cream sells more in July than in January', () => {
    const iceCream = world.products
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.category.path === 'frozen/desserts/ice-cream');
    let july = 0;
    let january = 0;
    world.dates.slice(0, OPTIONS.days).forEach((date, t) => {
      for (const { i } of iceCream) {
        if (date.slice(5, 7) === '07') july += unitsByProductDay[i][t];
        if (date.slice(5, 7) === '01') january += unitsByProductDay[i][t];
      }
    });
    expect(july / january).toBeGreaterThan(1.6);
  });

  it('lifts sales before Christmas and closes stores on Christmas Day', () => {
    const chocolate = world.products
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.category.path === 'snacks/confectionery/chocolate');
    const christmas = dayIndex.get('2025-12-25') ?? -1;
    let before = 0;
    let baseline = 0;
    for (const { i } of chocolate) {
      for (let k = 1; k <= 7; k++) {
        before += unitsByProductDay[i][christmas - k];
        baseline += unitsByProductDay[i][christmas - k - 28];
      }
    }
    expect(before / baseline).toBeGreaterThan(1.5);
    const onChristmas = salesRows.filter((r) => r.date === '2025-12-25');
    expect(onChristmas.length).toBe(carriedCells);
    expect(onChristmas.every((r) => r.units === 0)).toBe(true);
    const events = rowsOf(csv, 'events').slice(1);
    expect(events).toContainEqual([
      'Christmas Day store closure',
      'closure',
      '2025-12-25',
      '2025-12-25',
      'global',
      '',
    ]);
  });

  it('promotions lift sales and are followed by a dip', () => {
    const lifts: number[] = [];
    const dips: number[] = [];
    for (const { p, i } of regularProducts) {
      const units = unitsByProductDay[i];
      const near = new Uint8Array(OPTIONS.days);
      for (const promo of p.promotions) {
        for (let t = promo.start - 14; t <= promo.end + 14; t++)
          if (t >= 0 && t < OPTIONS.days) near[t] = 1;
      }
      const promoDays: number[] = [];
      const dipDays: number[] = [];
      const normal: number[] = [];
      for (let t = 0; t < OPTIONS.days; t++) {
        if (p.promo[t]) promoDays.push(units[t]);
        else if (!near[t]) normal.push(units[t]);
      }
      for (const promo of p.promotions) {
        for (let k = 1; k <= 5; k++)
          if (promo.end + k < OPTIONS.days) dipDays.push(units[promo.end + k]);
      }
      const base = mean(normal);
      if (base <= 0 || promoDays.length === 0) continue;
      lifts.push(mean(promoDays) / base);
      dips.push(mean(dipDays) / base);
    }
    expect(median(lifts)).toBeGreaterThan(1.4);
    expect(median(dips)).toBeLessThan(0.95);
  });

  it('regular price increases reduce demand (price elasticity)', () => {
    // Treated product vs all other regular products of its category over the same windows.
    const effects: { logPrice: number; logUnits: number }[] = [];
    for (const { p, i } of regularProducts) {
      for (const change of p.priceChanges) {
        const c = change.day;
        const raw = (idx: number, from: number, to: number): number => {
          let sum = 0;
          let n = 0;
          for (let t = from; t < to; t++) {
            if (world.products[idx].promo[t]) continue;
            sum += unitsByProductDay[idx][t];
            n++;
          }
          return n ? sum / n : 0;
        };
        const treated = Math.log(raw(i, c, c + 28) / raw(i, c - 28, c));
        const controls = regularProducts.filter(
          ({ p: q, i: j }) => j !== i && q.category === p.category,
        );
        let control = 0;
        for (const { i: j } of controls)
          control += Math.log(
            (raw(j, c, c + 28) + 1) / (raw(j, c - 28, c) + 1),
          );
        control /= Math.max(1, controls.length);
        const before =
          p.priceCents.slice(c - 30, c).find((_, k) => !p.promo[c - 30 + k]) ??
          change.priceCents;
        if (!Number.isFinite(treated)) continue;
        effects.push({
          logPrice: Math.log(change.priceCents / before),
          logUnits: treated - control,
        });
      }
    }
    expect(effects.length).toBeGreaterThan(10);
    // Slope of unit change on price change through the origin: clearly negative.
    const slope =
      effects.reduce((s, e) => s + e.logPrice * e.logUnits, 0) /
      effects.reduce((s, e) => s + e.logPrice * e.logPrice, 0);
    expect(slope).toBeLessThan(-0.5);
  });

  it('slow movers are intermittent (mostly zero days), regular products are not', () => {
    const zeroShare = (i: number, store: string): number => {
      const rows = salesRows.filter(
        (r) => r.sku === world.products[i].sku && r.store === store,
      );
      return rows.filter((r) => r.units === 0).length / rows.length;
    };
    const slow = world.products
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.slowMover);
    expect(slow.length / world.products.length).toBeGreaterThan(0.1);
    expect(slow.length / world.products.length).toBeLessThan(0.35);
    expect(median(slow.map(({ i }) => zeroShare(i, 'S001')))).toBeGreaterThan(
      0.5,
    );
    expect(
      median(regularProducts.map(({ i }) => zeroShare(i, 'S001'))),
    ).toBeLessThan(0.1);
  });

  it('stock-outs censor sales: units = min(demand, available) and are flagged', () => {
    let stockoutDays = 0;
    let censoredDays = 0;
    let violations = 0;
    for (let s = 0; s < OPTIONS.stores; s++) {
      for (let p = 0; p < OPTIONS.products; p++) {
        if (!carries(world, s, p)) continue;
        const series = simulateSeries(world, s, p);
        for (let t = 0; t < OPTIONS.days; t++) {
          if (series.units[t] > series.demand[t]) violations++;
          if (series.units[t] < series.demand[t]) {
            censoredDays++;
            if (series.stockout[t] !== 1 || series.onHand[t] !== 0)
              violations++;
          }
          stockoutDays += series.stockout[t];
        }
      }
    }
    expect(violations).toBe(0);
    expect(censoredDays).toBeGreaterThan(100);
    const flagged = salesRows.filter((r) => r.stockout === 1).length;
    expect(flagged).toBe(stockoutDays);
    expect(flagged / salesRows.length).toBeGreaterThan(0.01);
    expect(flagged / salesRows.length).toBeLessThan(0.15);
    // The CSV agrees with the simulation (same seed, same series).
    const s0 = simulateSeries(world, 0, 0);
    const rows = salesRows.filter(
      (r) => r.store === 'S001' && r.sku === 'P0001',
    );
    expect(rows.map((r) => r.units)).toEqual(Array.from(s0.units));
  });

  it('market signals drive demand and extend 90 days into the future', () => {
    const signals = rowsOf(csv, 'signals').slice(1);
    const names = new Set(signals.map((r) => `${r[0]}|${r[1]}|${r[2]}`));
    expect([...names].sort()).toEqual([
      'consumer_confidence|global|',
      'fuel_price|global|',
      'search_index|category|beverages/energy/energy-drinks',
      'search_index|category|personal-care/sun/sunscreen',
    ]);
    const cc = signals.filter((r) => r[0] === 'consumer_confidence');
    expect(cc).toHaveLength(OPTIONS.days + 90);
    expect(cc[cc.length - 1][3]).toBe('2027-02-25');

    // Year-over-year (364 days, same weekday) change of total units vs change of the signals:
    // seasonality cancels, the signal loadings remain.
    const total = new Float64Array(OPTIONS.days);
    for (let i = 0; i < world.products.length; i++)
      for (let t = 0; t < OPTIONS.days; t++)
        total[t] += unitsByProductDay[i][t];
    const y: number[] = [];
    const x1: number[] = [];
    const x2: number[] = [];
    for (let t = 364; t < OPTIONS.days; t++) {
      if (total[t] === 0 || total[t - 364] === 0) continue;
      y.push(Math.log(total[t] / total[t - 364]));
      x1.push(world.consumerConfidence[t] - world.consumerConfidence[t - 364]);
      x2.push(world.fuelPrice[t] - world.fuelPrice[t - 364]);
    }
    const [b1, b2] = ols2(y, x1, x2);
    expect(b1).toBeGreaterThan(0.005);
    expect(b2).toBeLessThan(-0.05);

    // Energy drinks follow their search index.
    const search = world.searchIndex.get('beverages/energy/energy-drinks');
    expect(search).toBeDefined();
    const energy = new Float64Array(OPTIONS.days);
    world.products.forEach((p, i) => {
      if (p.category.path !== 'beverages/energy/energy-drinks') return;
      for (let t = 0; t < OPTIONS.days; t++)
        energy[t] += unitsByProductDay[i][t];
    });
    const weekly = (v: ArrayLike<number>): number[] => {
      const out: number[] = [];
      for (let w = 0; w + 7 <= OPTIONS.days; w += 7)
        out.push(mean(Array.from(v).slice(w, w + 7)));
      return out;
    };
    expect(correlation(weekly(energy), weekly(search ?? []))).toBeGreaterThan(
      0.5,
    );
  });

  it('inventory covers the last 60 days; purchase orders include open ones due after the end date', () => {
    const inventory = rowsOf(csv, 'inventory').slice(1);
    expect(inventory).toHaveLength(carriedCells * 60);
    const dates = [...new Set(inventory.map((r) => r[2]))].sort();
    expect(dates[0]).toBe('2026-09-29');
    expect(dates[dates.length - 1]).toBe('2026-11-27');
    const orders = rowsOf(csv, 'purchase-orders').slice(1);
    const open = orders.filter((r) => r[7] === 'open');
    expect(open.length).toBeGreaterThan(
      OPTIONS.stores * OPTIONS.products * 0.3,
    );
    expect(open.some((r) => r[6] > '2026-11-27')).toBe(true);
    for (const r of orders) {
      expect(Number(r[4])).toBeGreaterThan(0);
      expect(r[5] <= '2026-11-27').toBe(true);
    }
    expect(new Set(orders.map((r) => r[0])).size).toBe(orders.length);
  });
});

describe('writeDemoCsv', () => {
  it('writes the same bytes as the iterables, one file per kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-data-'));
    try {
      const options = {
        stores: 2,
        products: 10,
        days: 60,
        seed: 3,
        inventoryDays: 14,
      };
      const progress: number[] = [];
      const files = await writeDemoCsv(dir, options, (p) =>
        progress.push(p.seriesDone),
      );
      expect(progress).toEqual([10, 20]);
      const iterables = generateDemo(options);
      for (const kind of DEMO_KINDS) {
        const expected = [...iterables[kind]].join('\n') + '\n';
        expect(readFileSync(files[kind], 'utf8')).toBe(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates options', () => {
    expect(() => generateDemo({ stores: 0 })).toThrow(/stores/);
    expect(() => generateDemo({ endDate: '2026-02-30' })).toThrow(
      /Invalid date/,
    );
  });
});

function ols2(y: number[], x1: number[], x2: number[]): [number, number] {
  const my = mean(y);
  const m1 = mean(x1);
  const m2 = mean(x2);
  let s11 = 0;
  let s22 = 0;
  let s12 = 0;
  let s1y = 0;
  let s2y = 0;
  for (let i = 0; i < y.length; i++) {
    const a = x1[i] - m1;
    const b = x2[i] - m2;
    const c = y[i] - my;
    s11 += a * a;
    s22 += b * b;
    s12 += a * b;
    s1y += a * c;
    s2y += b * c;
  }
  const det = s11 * s22 - s12 * s12;
  return [(s22 * s1y - s12 * s2y) / det, (s11 * s2y - s12 * s1y) / det];
}

function correlation(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  const ma = mean(a.slice(0, n));
  const mb = mean(b.slice(0, n));
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
