import { AsyncLocalStorage } from 'node:async_hooks';
import { acquireWriteLock, releaseWriteLock } from './sqlite-write-lock';
import { DatabaseBusyException } from './database-busy.exception';

/**
 * The process's one SQLite writer. Every write to the main database (the API's TypeORM
 * connection, the importer's merges, the training threads' result chunks) first takes this
 * lock, asynchronously: within a thread on a promise queue, across threads on the shared
 * {@link acquireWriteLock} word. SQLite's own lock then never makes a connection of this process
 * wait in the driver's synchronous busy handler, which froze the event loop for up to the busy
 * timeout and failed writes with SQLITE_BUSY.
 *
 * Code running inside {@link serializeWrites} holds the lock for its whole async call tree
 * (AsyncLocalStorage), so writes it makes through the API's connection do not queue behind
 * themselves.
 */
const holding = new AsyncLocalStorage<{ held: boolean }>();
let tail: Promise<void> = Promise.resolve();

/** Releases a held lock; idempotent. */
export type WriteLockRelease = () => void;

/** True inside {@link serializeWrites} (the caller already holds the lock). */
export function holdsWriteLock(): boolean {
  return holding.getStore()?.held === true;
}

/**
 * Takes the lock for a caller that releases it later (a transaction spanning several calls).
 * Rejects with {@link DatabaseBusyException} after `waitMs`; the queue position is then given
 * up, so a timed-out caller never takes the lock afterwards.
 */
export function takeWriteLock(waitMs = Infinity): Promise<WriteLockRelease> {
  const previous = tail;
  let done!: () => void;
  tail = new Promise<void>((resolve) => (done = resolve));
  const deadline = Date.now() + waitMs;
  return new Promise<WriteLockRelease>((resolve, reject) => {
    let timedOut = false;
    const timer = Number.isFinite(waitMs)
      ? setTimeout(() => {
          timedOut = true;
          reject(DatabaseBusyException.lockWait(waitMs));
        }, waitMs)
      : null;
    void previous.then(async () => {
      const acquired = !timedOut && (await acquireWriteLock(deadline));
      if (!acquired || timedOut) {
        if (acquired) releaseWriteLock();
        done();
        if (!timedOut) {
          if (timer) clearTimeout(timer);
          reject(DatabaseBusyException.lockWait(waitMs));
        }
        return;
      }
      if (timer) clearTimeout(timer);
      let released = false;
      resolve(() => {
        if (released) return;
        released = true;
        releaseWriteLock();
        done();
      });
    });
  });
}

/**
 * Runs `fn` holding the write lock (reentrant: inside another serializeWrites it just runs).
 * `waitMs` bounds the wait for the lock (default: unbounded, for background work).
 */
export async function serializeWrites<T>(
  fn: () => Promise<T>,
  waitMs = Infinity,
): Promise<T> {
  if (holdsWriteLock()) return fn();
  const release = await takeWriteLock(waitMs);
  // A token, not a flag: work that `fn` starts and leaves running (a timer, an unawaited
  // promise) keeps the store, and must stop counting as a holder once the lock is released.
  const token = { held: true };
  try {
    return await holding.run(token, fn);
  } finally {
    token.held = false;
    release();
  }
}
