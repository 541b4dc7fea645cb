import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage', () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('counts hits per key and throttler, and blocks the request after the limit', async () => {
    const s = new WindowThrottlerStorage();
    for (let i = 1; i <= 3; i++) {
      const r = await s.increment('ip-a', 60_000, 3, 60_000, 'default');
      expect(r).toMatchObject({ totalHits: i, isBlocked: false });
    }
    const fourth = await s.increment('ip-a', 60_000, 3, 60_000, 'default');
    expect(fourth.isBlocked).toBe(true);
    expect(fourth.timeToBlockExpire).toBe(60);
    // Other keys and other throttlers have their own counters.
    expect(
      (await s.increment('ip-b', 60_000, 3, 60_000, 'default')).totalHits,
    ).toBe(1);
    expect(
      (await s.increment('ip-a', 60_000, 3, 60_000, 'login')).totalHits,
    ).toBe(1);
  });

  it('stays blocked for the block duration, then starts a fresh window', async () => {
    const s = new WindowThrottlerStorage();
    for (let i = 0; i < 3; i++) await s.increment('k', 10_000, 2, 30_000, 'x');
    now += 20_000; // the window has expired but the block has not
    const during = await s.increment('k', 10_000, 2, 30_000, 'x');
    expect(during.isBlocked).toBe(true);
    expect(during.timeToBlockExpire).toBe(10);
    now += 10_001;
    const after = await s.increment('k', 10_000, 2, 30_000, 'x');
    expect(after).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('resets the count when the window expires', async () => {
    const s = new WindowThrottlerStorage();
    await s.increment('k', 1_000, 5, 1_000, 'x');
    await s.increment('k', 1_000, 5, 1_000, 'x');
    now += 1_000;
    const r = await s.increment('k', 1_000, 5, 1_000, 'x');
    expect(r.totalHits).toBe(1);
    expect(r.timeToExpire).toBe(1);
  });
});
