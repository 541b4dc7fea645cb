import type { Page, ProductDto } from '@shelfcast/contracts';
import { createTestApp, TestApp } from '../../test/support/test-app';

/** Category paths whose characters are LIKE wildcards (or the escape) in SQL. */
const PRODUCTS = `sku,name,category_path,regular_price,unit_cost
W1,Odd one,%/odd,1,0.5
W2,Percent juice,100%/juice,1,0.5
W3,Underscore,a_b/x,1,0.5
W4,Lookalike,abc/x,1,0.5
W5,Backslash,back\\slash/x,1,0.5
W6,Plain juice,beverages/juice,1,0.5
`;

describe('product filters with LIKE wildcards in user input (integration)', () => {
  let t: TestApp;
  const skus = async (query: string) => {
    const res = await fetch(`${t.url}/api/products?${query}`, {
      headers: await t.as('viewer'),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as Page<ProductDto>).items.map((p) => p.sku);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const res = await fetch(`${t.url}/api/imports/products`, {
      method: 'POST',
      headers: {
        ...(await t.as('planner')),
        'content-type': 'text/csv',
        'x-file-name': 'products.csv',
      },
      body: PRODUCTS,
    });
    expect(res.status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('matches % and _ in a category filter literally', async () => {
    expect(await skus(`category=${encodeURIComponent('%')}`)).toEqual(['W1']);
    expect(await skus(`category=${encodeURIComponent('100%')}`)).toEqual([
      'W2',
    ]);
    expect(await skus('category=a_b')).toEqual(['W3']);
    expect(await skus(`category=${encodeURIComponent('back\\slash')}`)).toEqual(
      ['W5'],
    );
    expect(await skus('category=beverages')).toEqual(['W6']);
  });

  it('matches % and _ in a search literally', async () => {
    expect(await skus(`search=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await skus('search=_')).toEqual([]);
    expect(await skus('search=juice')).toEqual(['W2', 'W6']);
  });
});
