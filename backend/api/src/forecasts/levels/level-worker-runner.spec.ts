import type { LevelBottom, LevelPanel } from './level-data';
import { reconcileLevels } from './level-reconcile';
import { reconcileLevelsInWorker } from './level-worker-runner';

const H = 3;
const L = 14;
const days = (n: number, from: string) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });

/** 2 stores (2 regions) × 2 products (2 categories), a short history: bottom-up bases, chain P50 = 2 + 3 + 5 + 6. */
function panel(): LevelPanel {
  const bottoms: LevelBottom[] = [];
  for (const [s, store] of ['S1', 'S2'].entries())
    for (const [p, sku] of ['P1', 'P2'].entries()) {
      const level = 2 + s + 3 * p;
      bottoms.push({
        storeId: s + 1,
        productId: p + 1,
        store,
        storeName: `Store ${store}`,
        region: s === 0 ? 'north' : 'south',
        category: p === 0 ? 'dairy' : 'bakery',
        sku,
        productName: `Product ${sku}`,
        p10: new Float64Array(H).fill(level - 1),
        p50: new Float64Array(H).fill(level),
        p90: new Float64Array(H).fill(level + 2),
        residuals: new Float64Array(0),
        backtest: {
          p10: new Float64Array(0),
          p50: new Float64Array(0),
          p90: new Float64Array(0),
        },
        scaleHistory: new Float64Array(0),
        recent: new Float64Array(L).fill(level),
      });
    }
  const sum = (pick: (b: LevelBottom) => string) => {
    const out = new Map<string, Float64Array>();
    for (const b of bottoms) {
      const row = out.get(pick(b)) ?? new Float64Array(L);
      row.forEach((_, t) => (row[t] += b.recent[t]));
      out.set(pick(b), row);
    }
    return out;
  };
  return {
    runId: 'run-1',
    dates: days(H, '2026-01-15'),
    historyDates: days(L, '2026-01-01'),
    residualDates: [],
    bottoms,
    storeHistory: sum((b) => b.store),
    productHistory: sum((b) => b.sku),
    storeCategoryHistory: sum((b) => `${b.store}|${b.category}`),
  };
}

describe('levels worker thread', () => {
  const options = { method: 'wls', base: 'engine', origins: 1 } as const;

  it('reconciles the same levels off the event loop as in process', async () => {
    const inProcess = await reconcileLevels(panel(), options);
    const inWorker = await reconcileLevelsInWorker(panel(), options);
    // Values cloned from the worker belong to another realm than Jest's: compare plain copies.
    const plain = (r: typeof inProcess) => ({
      ids: [...r.h.ids],
      index: [...r.index.entries()],
      base: r.base,
      bands: [r.p10, r.p50, r.p90].map((q) => q.map((row) => [...row])),
      history: r.history.map((row) => [...row]),
      historyStart: r.historyStart,
    });
    expect(plain(inWorker)).toEqual(plain(inProcess));
    expect(inWorker.index.get('chain')).toBe(0);
    expect([...inWorker.p50[0]]).toEqual([16, 16, 16]);
  }, 60_000);

  it('rejects with the error thrown in the worker', async () => {
    const broken = panel();
    broken.storeHistory.delete('S2');
    await expect(reconcileLevelsInWorker(broken, options)).rejects.toThrow(
      /^levels worker failed: .*TypeError/,
    );
  }, 60_000);
});
