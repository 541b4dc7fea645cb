import type { NextFunction, Request, Response } from 'express';

export interface TurnBudgetOptions {
  /** Wall-clock time one turn of the event loop may spend starting requests. */
  budgetMs: number;
  /** Clock (tests pass a fake one). */
  now?: () => number;
  /** Schedules a callback for a later turn (tests pass a manual queue). */
  later?: (callback: () => void) => void;
}

/**
 * Express middleware that bounds how long one event-loop turn spends handling requests.
 *
 * Why: on SQLite every read is synchronous, so a request runs start to finish inside the socket
 * callback that delivered it. With 50 clients, one poll phase can run 50 requests back to back
 * (25–50 ms of CPU, longer when the OS shares the core with a training thread), and timers, lock
 * wake-ups and new connections wait behind all of them. Here a turn starts requests only until
 * `budgetMs` has passed; the rest wait, in arrival order, for the following turns. Total work and
 * order are unchanged; the longest stretch without a turn of the loop is about one budget plus one
 * request. Asynchronous handlers (PostgreSQL) pass straight through: their start is cheap.
 */
export function turnBudget(options: TurnBudgetOptions) {
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((callback) => setImmediate(callback));
  const waiting: { req: Request; next: NextFunction }[] = [];
  /** When this turn began starting requests; null outside a turn that started one. */
  let turnStart: number | null = null;
  let turnEndScheduled = false;
  let drainScheduled = false;

  const overBudget = () =>
    turnStart !== null && now() - turnStart >= options.budgetMs;

  /** Starts waiting requests, oldest first, while the turn has budget left (at least one). */
  const runWaiting = () => {
    do {
      const { req, next } = waiting.shift() as (typeof waiting)[number];
      // A client that hung up while waiting needs no answer.
      if (!req.socket.destroyed) next();
    } while (waiting.length && !overBudget());
  };

  const scheduleDrain = () => {
    if (drainScheduled) return;
    drainScheduled = true;
    later(() => {
      drainScheduled = false;
      turnStart = now();
      runWaiting();
      turnStart = null;
      if (waiting.length) scheduleDrain();
    });
  };

  // Runs after the poll phase that delivered this turn's requests (setImmediate: the check phase).
  // What waits starts in the next turn, after its timers.
  const endTurn = () => {
    turnEndScheduled = false;
    turnStart = null;
    if (waiting.length) scheduleDrain();
  };

  return (req: Request, _res: Response, next: NextFunction): void => {
    if (waiting.length || overBudget()) {
      waiting.push({ req, next });
      if (!turnEndScheduled) scheduleDrain();
      return;
    }
    turnStart ??= now();
    if (!turnEndScheduled) {
      turnEndScheduled = true;
      later(endTurn);
    }
    next();
  };
}
