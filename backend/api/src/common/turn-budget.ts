import type { NextFunction, Request, Response } from 'express';

export interface TurnBudgetOptions {
  /** Wall-clock time one turn of the event loop may spend on requests. */
  budgetMs: number;
  /** Clock (tests pass a fake one). */
  now?: () => number;
  /** Runs a callback in this turn's check phase, or the next turn's when called from it. */
  later?: (callback: () => void) => void;
  /** Runs a callback in the next turn's timers phase. */
  nextTurn?: (callback: () => void) => void;
}

/**
 * Express middleware that bounds how long one event-loop turn spends on requests.
 *
 * Why: on SQLite every read is synchronous, so a request runs start to finish in the socket
 * callback that delivered it and the microtasks right after. With 50 clients one turn can run 50
 * requests back to back (25–50 ms of CPU, longer when the OS shares the core with a training
 * thread) while timers, lock wake-ups and new connections wait. Here a turn starts requests only
 * until `budgetMs` has passed since its first one; later arrivals wait, in order, for the
 * following turns. Total work and order are unchanged; the longest stretch without a turn of the
 * loop is about one budget plus one request.
 *
 * Each waiting request starts in its own setImmediate callback, so the clock read before the next
 * one includes the microtasks that finished the previous one. A turn's window closes at the next
 * turn's timers (setTimeout 0), which also schedules what still waits. Handlers that await real
 * I/O (PostgreSQL) pass through: their starts are cheap and rarely fill a budget.
 */
export function turnBudget(options: TurnBudgetOptions) {
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((callback) => setImmediate(callback));
  const nextTurn = options.nextTurn ?? ((callback) => setTimeout(callback, 0));
  const waiting: { req: Request; next: NextFunction }[] = [];
  /** When this turn's window opened (its first request started); null: no window open. */
  let windowStart: number | null = null;
  /** Start callbacks scheduled and not yet run. */
  let pendingStarts = 0;

  const overBudget = () =>
    windowStart !== null && now() - windowStart >= options.budgetMs;

  const openWindow = () => {
    windowStart = now();
    nextTurn(closeWindow);
  };

  // The next turn's timers phase: this turn's window is over; what waits gets start callbacks.
  const closeWindow = () => {
    windowStart = null;
    for (let n = waiting.length - pendingStarts; n > 0; n--) {
      pendingStarts++;
      later(startNext);
    }
  };

  const startNext = () => {
    pendingStarts--;
    if (!waiting.length) return;
    if (windowStart === null) openWindow();
    else if (overBudget()) return; // stays first in line; closeWindow reschedules it
    const { req, next } = waiting.shift() as (typeof waiting)[number];
    // A client that hung up while waiting needs no answer.
    if (!req.socket.destroyed) next();
  };

  return (req: Request, _res: Response, next: NextFunction): void => {
    if (waiting.length || overBudget()) {
      waiting.push({ req, next });
      // With a window open, its close schedules the start; otherwise start callbacks are pending.
      return;
    }
    if (windowStart === null) openWindow();
    next();
  };
}
