import type { NextFunction, Request, Response } from 'express';
import { turnBudget } from './turn-budget';

/**
 * A fake event loop. `later` callbacks run at the next `checkPhase()` (those scheduled during it
 * wait for the one after), `nextTurn` callbacks at the next `timersPhase()`, as setImmediate's and
 * setTimeout(0)'s do. Requests are delivered between them (the poll phase).
 */
function fakeLoop() {
  let clock = 0;
  let immediates: (() => void)[] = [];
  let timers: (() => void)[] = [];
  const run = (due: (() => void)[]) => due.forEach((callback) => callback());
  return {
    now: () => clock,
    advance: (ms: number) => (clock += ms),
    later: (callback: () => void) => immediates.push(callback),
    nextTurn: (callback: () => void) => timers.push(callback),
    checkPhase() {
      const due = immediates;
      immediates = [];
      run(due);
    },
    timersPhase() {
      const due = timers;
      timers = [];
      run(due);
    },
    /** The rest of this turn (check phase) and the next turn's timers. */
    turn() {
      this.checkPhase();
      this.timersPhase();
    },
    pending: () => immediates.length + timers.length,
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
      nextTurn: loop.nextTurn,
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

    // The rest of this turn starts nothing more: the budget is spent until the next timers.
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4]);

    loop.timersPhase();
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    loop.turn();
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    loop.turn();
    loop.turn();
    expect(loop.pending()).toBe(0);
  });

  it('queues new arrivals behind the waiting ones instead of letting them jump ahead', () => {
    const { loop, started, deliver } = setUp(10, 5);
    for (let id = 1; id <= 4; id++) deliver(id);
    expect(started).toEqual([1, 2]);
    loop.turn();
    // The next turn's poll phase delivers request 5 while 3 and 4 still wait.
    deliver(5);
    expect(started).toEqual([1, 2]);
    loop.turn();
    expect(started).toEqual([1, 2, 3, 4]);
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts one waiting request per turn even when that one alone exceeds the budget', () => {
    const { loop, started, deliver } = setUp(10, 50);
    for (let id = 1; id <= 3; id++) deliver(id);
    expect(started).toEqual([1]);
    loop.turn();
    loop.checkPhase();
    expect(started).toEqual([1, 2]);
    loop.turn();
    loop.checkPhase();
    expect(started).toEqual([1, 2, 3]);
  });

  it('gives each turn a fresh budget once the queue is empty', () => {
    const { loop, started, deliver } = setUp(10, 5);
    deliver(1);
    deliver(2);
    loop.turn();
    deliver(3);
    deliver(4);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('drops a waiting request whose client hung up', () => {
    const { loop, started, deliver } = setUp(5, 5);
    deliver(1);
    deliver(2, request(true));
    deliver(3);
    loop.turn();
    loop.checkPhase();
    loop.turn();
    loop.checkPhase();
    expect(started).toEqual([1, 3]);
  });
});
