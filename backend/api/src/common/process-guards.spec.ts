import { resolve as resolvePath } from 'node:path';
import { EventEmitter } from 'node:events';
import { installProcessGuards } from './process-guards';

/** An emitter standing in for `process` (typed loosely: Node's emit overloads are strict). */
function fakeProcess(): NodeJS.Process & EventEmitter {
  return new EventEmitter() as unknown as NodeJS.Process & EventEmitter;
}

function emit(target: EventEmitter, event: string, ...args: unknown[]): void {
  target.emit(event, ...args);
}

describe('installProcessGuards', () => {
  it('logs an unhandled rejection instead of letting it end the process', () => {
    const target = fakeProcess();
    const errors: string[] = [];
    installProcessGuards(target, { error: (m) => errors.push(m) });
    emit(
      target,
      'unhandledRejection',
      new Error('SQLITE_BUSY: database is locked'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Unhandled promise rejection.*SQLITE_BUSY/);
  });

  it('logs an uncaught exception with its origin', () => {
    const target = fakeProcess();
    const errors: string[] = [];
    installProcessGuards(target, { error: (m) => errors.push(m) });
    emit(
      target,
      'uncaughtException',
      new TypeError('boom'),
      'uncaughtException',
    );
    expect(errors[0]).toMatch(/Uncaught exception in uncaughtException.*boom/);
  });

  it('installs its listeners once however often it is called', () => {
    const target = fakeProcess();
    installProcessGuards(target, { error: () => undefined });
    installProcessGuards(target, { error: () => undefined });
    expect(target.listenerCount('unhandledRejection')).toBe(1);
    expect(target.listenerCount('uncaughtException')).toBe(1);
  });

  it('keeps a real process alive through an unhandled rejection', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      require(${JSON.stringify(resolvePath(__dirname, '../../../tools/register.js'))});
      const { installProcessGuards } = require(${JSON.stringify(require.resolve('./process-guards'))});
      installProcessGuards(process, { error: (m) => console.log('logged: ' + m.split('\\n')[0]) });
      Promise.reject(new Error('lost release'));
      setTimeout(() => { console.log('still alive'); }, 50);
    `;
    const out = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
    });
    expect(out.stdout).toContain(
      'logged: Unhandled promise rejection (ignored): Error: lost release',
    );
    expect(out.stdout).toContain('still alive');
    expect(out.status).toBe(0);
  });
});
