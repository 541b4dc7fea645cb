/**
 * Lets the event loop serve what is waiting (HTTP requests, timers) before long work on the API's
 * thread goes on: call it between chunks of a loop that would otherwise hold the thread.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
