// Cold start on Dominick's orange juice: one brand's history in one store is hidden and its
// weekly sales after the cutoff are forecast from the most similar other brands (content
// similarity of name, brand, pack size and price band) in that store.
import { readFileSync } from 'node:fs';
import { DOMINICKS_OJ_BRANDS } from '@shelfcast/demo-data';
import {
  borrowProfile,
  contentNeighbours,
  crossStoreScale,
  type Donor,
} from '../src';

const CUTOFF = 135;
const LAST_WEEK = 160;
const LEVEL_WEEKS = 12;
const DONORS = 3;

interface Method {
  name: string;
  meanMase: number;
  medianMase: number;
}

export function runColdStartBench(path: string) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].replace(/"/g, '').split(',');
  const [iStore, iBrand, iWeek, iUnits, iPrice] = [
    'store',
    'brand',
    'week',
    'units',
    'price',
  ].map((c) => header.indexOf(c));
  // units[store][brand] = Map week → units
  const sales = new Map<number, Map<number, Map<number, number>>>();
  const pricePerOz = new Map<number, number[]>();
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l]) continue;
    const f = lines[l].split(',').map(Number);
    let byBrand = sales.get(f[iStore]);
    if (!byBrand) sales.set(f[iStore], (byBrand = new Map()));
    let weeks = byBrand.get(f[iBrand]);
    if (!weeks) byBrand.set(f[iBrand], (weeks = new Map()));
    weeks.set(f[iWeek], f[iUnits]);
    if (f[iWeek] < CUTOFF) {
      const list = pricePerOz.get(f[iBrand]) ?? [];
      list.push(f[iPrice]);
      pricePerOz.set(f[iBrand], list);
    }
  }
  const brands = DOMINICKS_OJ_BRANDS.map((b, i) => ({
    index: i + 1,
    categoryPath: 'beverages/juice/orange',
    brand: b.brand,
    name: b.name,
    packSize: b.ounces,
    price: median(pricePerOz.get(i + 1) ?? []) * b.ounces,
  }));
  const neighbours = contentNeighbours(brands, { k: brands.length });

  const recent = (weeks: Map<number, number> | undefined): Float64Array =>
    Float64Array.from(
      { length: LEVEL_WEEKS },
      (_, t) => weeks?.get(CUTOFF - LEVEL_WEEKS + t) ?? NaN,
    );
  const level = (weeks: Map<number, number> | undefined): number =>
    mean(recent(weeks));

  const results = {
    content: [] as number[],
    scaled: [] as number[],
    categoryScaled: [] as number[],
    category: [] as number[],
  };
  let cases = 0;
  for (const [store, byBrand] of sales) {
    for (const [brand, weeks] of byBrand) {
      const history = [...weeks]
        .filter(([w]) => w < CUTOFF)
        .sort((a, b) => a[0] - b[0]);
      const test = [...weeks].filter(([w]) => w >= CUTOFF && w <= LAST_WEEK);
      if (history.length < 8 || test.length < 4) continue;
      let diff = 0;
      for (let t = 1; t < history.length; t++)
        diff += Math.abs(history[t][1] - history[t - 1][1]);
      const scaleDenominator = diff / (history.length - 1);
      if (!(scaleDenominator > 0)) continue;
      // Donors: the most similar brands with recent sales in this store.
      const donors = neighbours[brand - 1]
        .map((n) => ({ n, weeks: byBrand.get(brands[n.item].index) }))
        .filter((d) => level(d.weeks) > 0)
        .slice(0, DONORS);
      const others = [...byBrand]
        .filter(([b]) => b !== brand)
        .map(([, w]) => level(w))
        .filter((v) => v > 0);
      if (donors.length === 0 || others.length === 0) continue;
      const plain: Donor[] = donors.map((d) => ({
        similarity: d.n.similarity,
        recent: recent(d.weeks),
      }));
      const scaled: Donor[] = donors.map((d) => {
        const pairs = [...sales]
          .filter(([s]) => s !== store)
          .map(([, bb]) => ({
            target: level(bb.get(brand)),
            donor: level(bb.get(brands[d.n.item].index)),
          }));
        return {
          similarity: d.n.similarity,
          recent: recent(d.weeks),
          scale: crossStoreScale(pairs) ?? 1,
        };
      });
      const fContent = borrowProfile(plain)?.level ?? NaN;
      const fScaled = borrowProfile(scaled)?.level ?? NaN;
      const fCategory = others.reduce((a, b) => a + b, 0) / others.length;
      // Fair counterpart of the scaled donors: the category average times the brand's share ratio elsewhere.
      const categoryLevel = (bb: Map<number, Map<number, number>>) => {
        const v = [...bb]
          .filter(([b]) => b !== brand)
          .map(([, w]) => level(w))
          .filter((x) => x > 0);
        return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
      };
      const categoryScale = crossStoreScale(
        [...sales]
          .filter(([s]) => s !== store)
          .map(([, bb]) => ({
            target: level(bb.get(brand)),
            donor: categoryLevel(bb),
          })),
      );
      results.categoryScaled.push(NaN);
      const fCategoryScaled = fCategory * (categoryScale ?? 1);
      const mase = (f: number) =>
        test.reduce((a, [, y]) => a + Math.abs(y - f), 0) /
        test.length /
        scaleDenominator;
      results.content.push(mase(fContent));
      results.scaled.push(mase(fScaled));
      results.categoryScaled[results.categoryScaled.length - 1] =
        mase(fCategoryScaled);
      results.category.push(mase(fCategory));
      cases++;
    }
  }
  const summary = (name: string, v: number[]): Method => ({
    name,
    meanMase: v.reduce((a, b) => a + b, 0) / v.length,
    medianMase: median(v),
  });
  const methods: Method[] = [
    summary('similar products (content, top 3), brand new', results.content),
    summary(
      'similar products, scaled by the ratio in other stores',
      results.scaled,
    ),
    summary(
      'category average, scaled by the ratio in other stores',
      results.categoryScaled,
    ),
    summary(
      'category average (all other OJ brands in the store)',
      results.category,
    ),
  ];
  return {
    cutoff: CUTOFF,
    lastWeek: LAST_WEEK,
    levelWeeks: LEVEL_WEEKS,
    donors: DONORS,
    cases,
    methods,
    brandNeighbours: brands.map((b, i) => ({
      brand: b.name,
      neighbours: neighbours[i].slice(0, DONORS).map((n) => ({
        brand: brands[n.item].name,
        similarity: Number(n.similarity.toFixed(3)),
        matches: n.matches,
      })),
    })),
  };
}

function mean(v: Float64Array): number {
  let s = 0;
  let c = 0;
  for (const x of v)
    if (x === x) {
      s += x;
      c++;
    }
  return c ? s / c : NaN;
}

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
