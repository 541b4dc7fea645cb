import { borrowProfile, crossStoreScale } from './cold-start';
import { contentNeighbours, parsePackSize, tokenize } from './content';

const products = [
  {
    categoryPath: 'beverages/juice/orange',
    brand: 'Tropicana',
    price: 3.5,
    name: 'Tropicana Pure Orange 64 oz',
  },
  {
    categoryPath: 'beverages/juice/orange',
    brand: 'Tropicana',
    price: 3.6,
    name: 'Tropicana Orange Pulp 64 oz',
  },
  {
    categoryPath: 'beverages/juice/apple',
    brand: 'Tropicana',
    price: 3.4,
    name: 'Tropicana Apple 64 oz',
  },
  {
    categoryPath: 'beverages/juice/orange',
    brand: 'Minute Maid',
    price: 5.5,
    name: 'Minute Maid Orange 96 oz',
  },
  {
    categoryPath: 'household/cleaning',
    brand: 'Ajax',
    price: 2,
    name: 'Ajax Cleaner 500 ml',
  },
];

describe('content-based similarity', () => {
  it('tokenizes names and reads pack sizes', () => {
    expect(tokenize("Florida's Natural 64 oz")).toEqual(['florida', 'natural']);
    expect(parsePackSize('Milk 1.5 l')).toBe(1500);
    expect(parsePackSize('Tropicana 64 oz')).toBe(64);
    expect(parsePackSize('Bananas')).toBeNull();
  });

  it('ranks the product with the same category, brand, price band and pack first, and says why', () => {
    const n = contentNeighbours(products, { k: 4 });
    expect(n[0][0].item).toBe(1);
    expect(n[0][0].matches.sort()).toEqual([
      'brand',
      'category',
      'pack',
      'price',
      'text',
    ]);
    expect(n[0][0].commonCategoryDepth).toBe(3);
    expect(n[0][0].commonWords).toContain('orange');
    expect(n[0].map((x) => x.item)).not.toContain(4); // shares nothing with the cleaner
    expect(n[4]).toEqual([]);
    for (const list of n)
      for (const x of list) {
        expect(x.similarity).toBeGreaterThan(0);
        expect(x.similarity).toBeLessThanOrEqual(1);
      }
  });
});

describe('cold start', () => {
  it('borrows the similarity-weighted, scaled level and shape of its donors', () => {
    const p = borrowProfile([
      { similarity: 3, recent: Float64Array.from([10, 30]) }, // level 20
      { similarity: 1, recent: Float64Array.from([NaN, 4]), scale: 2 }, // level 4, scaled 8
    ]);
    expect(p).not.toBeNull();
    expect(p?.weights).toEqual([0.75, 0.25]);
    expect(p?.level).toBeCloseTo(0.75 * 20 + 0.25 * 8);
    // shape: t0 only donor 1 (0.5); t1 = (0.75 * 1.5 + 0.25 * 1) / 1
    expect(Array.from(p?.profile ?? [])).toEqual([0.5, 1.375]);
  });

  it('returns null when no donor has data, and the median cross-store ratio', () => {
    expect(
      borrowProfile([{ similarity: 1, recent: Float64Array.from([NaN]) }]),
    ).toBeNull();
    expect(borrowProfile([])).toBeNull();
    expect(
      crossStoreScale([
        { target: 10, donor: 5 },
        { target: 3, donor: 3 },
        { target: 0, donor: 3 },
        { target: 9, donor: 2 },
      ]),
    ).toBe(2);
    expect(crossStoreScale([])).toBeNull();
  });
});
