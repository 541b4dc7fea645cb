/**
 * Answers kept per key together with the stamp (a cheap summary of everything the answer was
 * computed from, read from the database on every call). A call whose stamp differs recomputes,
 * so a change made by any process is seen on the next read, not after a timeout. Concurrent
 * calls for the same key and stamp share one computation; a failed one is not kept. The least
 * recently used keys go first once `maxEntries` is reached.
 */
export class StampedCache<T> {
  private readonly entries = new Map<
    string,
    { stamp: string; value: Promise<T> }
  >();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, stamp: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.stamp === stamp) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry = { stamp, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
