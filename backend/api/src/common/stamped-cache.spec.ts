import { StampedCache } from './stamped-cache';

describe('StampedCache', () => {
  it('reuses an answer while the stamp is the same and recomputes when it changes', async () => {
    const cache = new StampedCache<number>(10);
    let calls = 0;
    const compute = () => Promise.resolve(++calls);
    expect(await cache.get('a', 's1', compute)).toBe(1);
    expect(await cache.get('a', 's1', compute)).toBe(1);
    expect(await cache.get('a', 's2', compute)).toBe(2);
    expect(await cache.get('b', 's2', compute)).toBe(3);
    expect(calls).toBe(3);
  });

  it('shares one computation between concurrent callers', async () => {
    const cache = new StampedCache<string>(10);
    let calls = 0;
    let release: (v: string) => void = () => undefined;
    const compute = () => {
      calls++;
      return new Promise<string>((r) => (release = r));
    };
    const first = cache.get('k', 's', compute);
    const second = cache.get('k', 's', compute);
    release('done');
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(calls).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new StampedCache<number>(10);
    await expect(
      cache.get('k', 's', () => Promise.reject(new Error('db down'))),
    ).rejects.toThrow('db down');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', 's', () => Promise.resolve(7))).toBe(7);
  });

  it('drops the least recently used key beyond its size', async () => {
    const cache = new StampedCache<string>(2);
    let calls = 0;
    const compute = (v: string) => () => {
      calls++;
      return Promise.resolve(v);
    };
    await cache.get('a', 's', compute('a'));
    await cache.get('b', 's', compute('b'));
    await cache.get('a', 's', compute('a')); // a is now the most recent
    await cache.get('c', 's', compute('c')); // evicts b
    expect(cache.size).toBe(2);
    await cache.get('a', 's', compute('a'));
    expect(calls).toBe(3);
    await cache.get('b', 's', compute('b'));
    expect(calls).toBe(4);
  });
});
