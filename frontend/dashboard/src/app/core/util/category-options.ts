/** A category path offered in a filter, with its depth for indentation. */
export interface CategoryOption {
  path: string;
  /** Last segment of the path. */
  label: string;
  depth: number;
}

/**
 * Every level of the given category paths (`dairy`, `dairy/milk`, `dairy/milk/whole`), sorted,
 * so a filter can pick a whole department as well as a leaf (the API matches path prefixes).
 */
export function categoryOptions(paths: readonly string[]): CategoryOption[] {
  const all = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/').filter((p) => p !== '');
    for (let i = 1; i <= parts.length; i++) {
      all.add(parts.slice(0, i).join('/'));
    }
  }
  return [...all].sort().map((path) => {
    const parts = path.split('/');
    return { path, label: parts[parts.length - 1], depth: parts.length - 1 };
  });
}
