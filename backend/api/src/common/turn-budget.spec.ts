import type { NextFunction, Request, Response } from 'express';
import { turnBudget } from './turn-budget';

/** A fake event loop: `later` callbacks run at the next `checkPhase()`, as setImmediate's do. */
function fakeLoop() {
  let clock = 0;
  let queued: (() => void)[] = [];
  return {
    now: () => clock,
    advance: (ms: number) => (clock += ms),
    later: (callback: () => void) => queued.push(callback),
    /** Runs what was scheduled before it began; what those schedule waits for the next one. */
    checkPhase() {
      const due = queued;
      queued = [];
      due.forEach((callback) => callback());
    },
    pending: () => queued.length,
  };
}

describe('turnBudget', () => {
  const res = {} as Response;
  const request = (destroyed = false) =>
    ({ socket: { destroyed } }) as unknown as Request;

  function setUp(budgetMs: number, costMs: number) {
    const loop = fakeLoop();
    const middleware = turnBudget({
      budgetMs,
      now: loop.now,
      later: loop.later,
    });
    const started: number[] = [];
    /** Delivers request `id` (as a poll-phase socket callback would); it costs `costMs`. */
    const deliver = (id: number, req = request()) =>
      middleware(req, res, (() => {
        started.push(id);
        loop.advance(costMs);
      }) as NextFunction);
    return { loop, started, deliver };
  }

  it('starts requests at once while the turn has budget left', () => {
    const { started, deliver } = setUp(20, 5);
    for (let id = 1; id <= 4; id++) deliver(id);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('holds the requests past the budget for later turns, in arrival order', () => {
    const { loop, started, deliver } = setUp(20, 5);
    for (let id = 1; id <= 10; id++) deliver(id);
    // 4 × 5 ms fill the 20 ms budget; the rest wait.
    expect(started).toEqual([1, 2, 3, 4]);

    // End of this turn (check phase): nothing more starts before the next turn's timers.
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4]);

    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    loop.checkPhase();
    expect(loop.pending()).toBe(0);
  });

  it('queues new arrivals behind the waiting ones instead of letting them jump ahead', () => {
    const { loop, started, deliver } = setUp(10, 5);
    for (let id = 1; id <= 4; id++) deliver(id);
    expect(started).toEqual([1, 2]);
    loop.checkPhase();
    // The next turn's poll phase delivers request 5 while 3 and 4 still wait.
    deliver(5);
    expect(started).toEqual([1, 2]);
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4]);
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts one waiting request per turn even when that one alone exceeds the budget', () => {
    const { loop, started, deliver } = setUp(10, 50);
    for (let id = 1; id <= 3; id++) deliver(id);
    expect(started).toEqual([1]);
    loop.checkPhase();
    loop.checkPhase();
    expect(started).toEqual([1, 2]);
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3]);
  });

  it('gives each turn a fresh budget once the queue is empty', () => {
    const { loop, started, deliver } = setUp(10, 5);
    deliver(1);
    deliver(2);
    loop.checkPhase();
    deliver(3);
    deliver(4);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('drops a waiting request whose client hung up', () => {
    const { loop, started, deliver } = setUp(5, 5);
    deliver(1);
    deliver(2, request(true));
    deliver(3);
    loop.checkPhase();
    loop.checkPhase();
    loop.checkPhase();
    expect(started).toEqual([1, 3]);
  });
});
