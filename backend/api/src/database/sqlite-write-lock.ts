import { threadId } from 'node:worker_threads';

/**
 * One SQLite write lock for every thread of the process, in shared memory. Each thread's
 * connection waits for SQLite's write lock in the driver's synchronous busy handler, so when a
 * training thread held a write transaction, a progress update or lease heartbeat on the API's
 * thread froze its event loop until the commit (100–250 ms stalls measured under load). Taking
 * this lock first turns that wait into an asynchronous one (`Atomics.waitAsync`).
 * The word holds 0 when free, else the holder's thread id + 1, so a pool can free the lock of a
 * worker it terminated mid-transaction.
 */
let word = new Int32Array(new SharedArrayBuffer(4));

/** The lock's memory, to hand to a worker thread (workerData). */
export function writeLockMemory(): SharedArrayBuffer {
  return word.buffer as SharedArrayBuffer;
}

/** In a worker thread: share the parent's lock. */
export function useWriteLockMemory(memory: SharedArrayBuffer): void {
  word = new Int32Array(memory);
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: boolean; value: Promise<string> | string };

/**
 * Waits (asynchronously) for the lock. With a deadline (epoch ms), gives up then and returns
 * false; without one it waits as long as it takes.
 */
export async function acquireWriteLock(deadline = Infinity): Promise<boolean> {
  const me = threadId + 1;
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  for (;;) {
    const held = Atomics.compareExchange(word, 0, 0, me);
    if (held === 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    // Re-checked at least every second, in case a notify is missed.
    const wait = waitAsync(word, 0, held, Math.min(1000, left));
    if (wait.async) {
      // A pending waitAsync does not keep Node's event loop alive: a worker thread with nothing
      // else to do would exit (code 0) mid-shard while waiting. A timer keeps it alive.
      const keepAlive = setTimeout(() => undefined, 2000);
      try {
        await wait.value;
      } finally {
        clearTimeout(keepAlive);
      }
    }
  }
}

export function releaseWriteLock(): void {
  Atomics.store(word, 0, 0);
  Atomics.notify(word, 0);
}

/** Frees the lock if the given (terminated) thread still holds it. */
export function releaseWriteLockOf(thread: number): void {
  if (Atomics.compareExchange(word, 0, thread + 1, 0) === thread + 1)
    Atomics.notify(word, 0);
}
