import { computeAffinity, type AffinityInputs } from './affinity-compute';
import { computeAffinityInWorker } from './affinity-worker-runner';

const inputs: AffinityInputs = {
  baskets: [[1, 2], [1, 2, 3], [1, 2], [3]],
  products: [1, 2, 3].map((id) => ({
    id,
    name: `Juice ${id} 1 l`,
    categoryPath: id < 3 ? 'beverages/juice' : 'bakery',
    brand: 'Sunny',
    price: 2,
    packSize: null,
    description: null,
  })),
  storeSales: [
    { storeId: 1, productId: 1, units: 10 },
    { storeId: 2, productId: 1, units: 10 },
    { storeId: 2, productId: 2, units: 5 },
    { storeId: 3, productId: 1, units: 20 },
    { storeId: 3, productId: 2, units: 10 },
  ],
  customerLines: [],
  homeStore: new Map(),
};

describe('affinity worker thread', () => {
  it('computes the same results off the event loop as in process', async () => {
    const inProcess = computeAffinity(inputs);
    const inWorker = await computeAffinityInWorker(inputs);
    // Maps cloned from the worker belong to another realm than Jest's: compare their entries.
    const plain = (o: typeof inProcess) =>
      JSON.parse(
        JSON.stringify({
          boughtTogether: Array.from(o.boughtTogether.entries()),
          similar: Array.from(o.similar.entries()),
          gaps: Array.from(o.gaps.entries()),
          segmentPicks: Array.from(o.segmentPicks.entries()),
          pairs: o.pairs,
        }),
      );
    expect(plain(inWorker)).toEqual(plain(inProcess));
    expect(inWorker.boughtTogether.get(1)?.[0]).toMatchObject({
      item: 2,
      count: 3,
    });
    expect(inWorker.gaps.get(1)?.recs.map((r) => r.item)).toEqual([2]);
  }, 60_000);
});
