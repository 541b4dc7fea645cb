import { holdsWriteLock, serializeWrites, takeWriteLock } from './write-gate';
import { DatabaseBusyException } from './database-busy.exception';

describe('write gate', () => {
  it('runs writers one at a time, in order', async () => {
    const events: string[] = [];
    const writer = (name: string, ms: number) =>
      serializeWrites(async () => {
        events.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`${name} end`);
      });
    await Promise.all([writer('a', 30), writer('b', 1), writer('c', 1)]);
    expect(events).toEqual([
      'a start',
      'a end',
      'b start',
      'b end',
      'c start',
      'c end',
    ]);
  });

  it('is reentrant inside serializeWrites, and only there', async () => {
    expect(holdsWriteLock()).toBe(false);
    let later: Promise<boolean> | null = null;
    const inner = await serializeWrites(async () => {
      expect(holdsWriteLock()).toBe(true);
      // Work left running after the lock is released no longer counts as holding it.
      later = new Promise((r) => setTimeout(() => r(holdsWriteLock()), 30));
      // A nested call runs at once instead of queueing behind its own caller.
      return serializeWrites(async () => 'nested');
    });
    expect(inner).toBe('nested');
    expect(await later).toBe(false);
  });

  it('gives up after the bounded wait with a 503-kind error, and the queue moves on', async () => {
    const release = await takeWriteLock();
    const waited = await serializeWrites(async () => 'never', 50).then(
      () => null,
      (e: unknown) => e,
    );
    expect(waited).toBeInstanceOf(DatabaseBusyException);
    expect((waited as DatabaseBusyException).kind).toBe('unavailable');
    release();
    // The timed-out waiter gave its place up: the next writer gets the lock.
    expect(await serializeWrites(async () => 'next', 1000)).toBe('next');
  });
});
