import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread only, so training
 * threads give the CPU to the API's event loop when both want it. Linux schedules threads
 * individually: setpriority() on a thread id affects that thread, and threads it starts later
 * (tfjs, WASM) inherit it. Returns the thread's nice value, or null where this is unsupported.
 */
export function lowerThreadPriority(nice: number): number | null {
  if (process.platform !== 'linux' || nice <= 0) return null;
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>" of the thread that reads it.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid)) return null;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid);
  } catch {
    return null;
  }
}
