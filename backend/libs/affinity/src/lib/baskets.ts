/**
 * Baskets in CSR form: the items of basket b are `items[offsets[b] .. offsets[b + 1])`, sorted
 * ascending and without duplicates. Item ids are dense integers `0 .. itemCount - 1`.
 */
export interface Baskets {
  readonly itemCount: number;
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
}

export function basketCount(b: Baskets): number {
  return b.offsets.length - 1;
}

export function basketItems(b: Baskets, basket: number): Uint32Array {
  return b.items.subarray(b.offsets[basket], b.offsets[basket + 1]);
}

/** Packs item-id arrays into {@link Baskets}; duplicates inside a basket count once. */
export function packBaskets(
  lists: Iterable<ArrayLike<number>>,
  itemCount?: number,
): Baskets {
  const offsets: number[] = [0];
  const items: number[] = [];
  let maxItem = -1;
  for (const list of lists) {
    const sorted = Array.from(list).sort((a, b) => a - b);
    let last = -1;
    for (const item of sorted) {
      if (!Number.isInteger(item) || item < 0)
        throw new Error(`Item ids must be non-negative integers, got ${item}`);
      if (item === last) continue;
      items.push(item);
      last = item;
      if (item > maxItem) maxItem = item;
    }
    offsets.push(items.length);
  }
  const count = itemCount ?? maxItem + 1;
  if (maxItem >= count)
    throw new Error(`Item id ${maxItem} is not below itemCount ${count}`);
  return {
    itemCount: count,
    offsets: Uint32Array.from(offsets),
    items: Uint32Array.from(items),
  };
}

/** A dictionary from item names (or any keys) to dense ids. */
export class ItemDictionary<K = string> {
  private readonly ids = new Map<K, number>();
  readonly keys: K[] = [];

  id(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  get(key: K): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }
}

/**
 * Parses the one-basket-per-line item-list format (the arules `Groceries` CSV): comma-separated
 * item names, no header. Names are trimmed.
 */
export function parseBasketLines(text: string): {
  baskets: Baskets;
  names: string[];
} {
  const dict = new ItemDictionary<string>();
  const lists: number[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    lists.push(
      line
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => dict.id(s)),
    );
  }
  return { baskets: packBaskets(lists, dict.size), names: dict.keys };
}

/** Number of baskets each item occurs in. */
export function itemSupportCounts(b: Baskets): Uint32Array {
  const counts = new Uint32Array(b.itemCount);
  for (let i = 0; i < b.items.length; i++) counts[b.items[i]]++;
  return counts;
}

/** Baskets whose index passes `keep`, re-packed (same item ids). */
export function selectBaskets(
  b: Baskets,
  keep: (basket: number) => boolean,
): Baskets {
  const offsets: number[] = [0];
  const items: number[] = [];
  const n = basketCount(b);
  for (let k = 0; k < n; k++) {
    if (!keep(k)) continue;
    for (let i = b.offsets[k]; i < b.offsets[k + 1]; i++)
      items.push(b.items[i]);
    offsets.push(items.length);
  }
  return {
    itemCount: b.itemCount,
    offsets: Uint32Array.from(offsets),
    items: Uint32Array.from(items),
  };
}
