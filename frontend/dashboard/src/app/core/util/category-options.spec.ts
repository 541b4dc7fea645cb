import { categoryOptions } from './category-options';

describe('categoryOptions', () => {
  it('offers every level of the paths, sorted, with depth', () => {
    expect(
      categoryOptions(['dairy/milk/whole', 'dairy/yogurt', 'bakery']),
    ).toEqual([
      { path: 'bakery', label: 'bakery', depth: 0 },
      { path: 'dairy', label: 'dairy', depth: 0 },
      { path: 'dairy/milk', label: 'milk', depth: 1 },
      { path: 'dairy/milk/whole', label: 'whole', depth: 2 },
      { path: 'dairy/yogurt', label: 'yogurt', depth: 1 },
    ]);
    expect(categoryOptions([])).toEqual([]);
  });
});
