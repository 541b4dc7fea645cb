import { resolve as resolvePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  acquireWriteLock,
  releaseWriteLock,
  releaseWriteLockOf,
  writeLockMemory,
} from './sqlite-write-lock';

describe('process-wide SQLite write lock', () => {
  it('waits without blocking the event loop while another thread holds it', async () => {
    // A thread that takes the lock (as thread id 41), signals, and frees it 300 ms later.
    const holder = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const word = new Int32Array(workerData);
       Atomics.store(word, 0, 42);
       parentPort.postMessage('held');
       setTimeout(() => { Atomics.store(word, 0, 0); Atomics.notify(word, 0); }, 300);`,
      { eval: true, workerData: writeLockMemory() },
    );
    await new Promise((r) => holder.once('message', r));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await acquireWriteLock();
    const waited = Date.now() - started;
    clearInterval(timer);
    releaseWriteLock();
    await holder.terminate();
    expect(waited).toBeGreaterThanOrEqual(250);
    // The loop kept running while this thread waited for the lock.
    expect(ticks).toBeGreaterThan(5);
  });

  it('keeps a worker thread alive while it waits for the lock', async () => {
    // Without a timer during the wait, a thread whose only pending work is the wait exits with
    // code 0 ("training worker exited with code 0" mid-shard while the database was busy).
    await acquireWriteLock();
    const waiter = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       require(${JSON.stringify(resolvePath(__dirname, '../../../tools/register.js'))});
       const lock = require(${JSON.stringify(require.resolve('./sqlite-write-lock'))});
       lock.useWriteLockMemory(workerData);
       parentPort.postMessage('waiting');
       lock.acquireWriteLock().then(() => { lock.releaseWriteLock(); parentPort.postMessage('acquired'); });`,
      { eval: true, workerData: writeLockMemory() },
    );
    const messages: string[] = [];
    const waiting = new Promise((r) => waiter.once('message', r));
    waiter.on('message', (m: string) => messages.push(m));
    let gone = false;
    const exited = new Promise<number>((r) => waiter.once('exit', r));
    void exited.then(() => (gone = true));
    // Starting the thread compiles the lock module: wait for it to be waiting, however long
    // that takes on a busy machine, then give it time in which it would have exited.
    await waiting;
    await new Promise((r) => setTimeout(r, 1000));
    expect(gone).toBe(false);
    expect(messages).toEqual(['waiting']);
    releaseWriteLock();
    expect(await exited).toBe(0);
    expect(messages).toEqual(['waiting', 'acquired']);
  });

  it('lets the next waiter in on release, in this thread too', async () => {
    await acquireWriteLock();
    let second = false;
    const next = acquireWriteLock().then(() => (second = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBe(false);
    releaseWriteLock();
    await next;
    expect(second).toBe(true);
    releaseWriteLock();
  });

  it('frees a lock left by a terminated thread', async () => {
    const word = new Int32Array(writeLockMemory());
    Atomics.store(word, 0, 7 + 1);
    releaseWriteLockOf(6); // not the holder: unchanged
    expect(Atomics.load(word, 0)).toBe(8);
    releaseWriteLockOf(7);
    expect(Atomics.load(word, 0)).toBe(0);
    await acquireWriteLock();
    releaseWriteLock();
  });
});
