import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * backend/tools/supervise.js (what `npm start` runs): a child that crashes is restarted with
 * back-off, a clean exit ends supervision, too many rapid crashes give up, and SIGTERM reaches
 * the child. The child is a tiny script that counts its starts in the file COUNTER.
 */
const SUPERVISE = resolve(__dirname, '../../../tools/supervise.js');

interface Outcome {
  code: number | null;
  starts: number;
  stderr: string;
}

function supervise(
  childScript: string,
  env: Record<string, string> = {},
  onOutput?: (stderr: string, pid: number) => void,
): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-supervise-'));
  const counter = join(dir, 'starts');
  writeFileSync(counter, '');
  const script = join(dir, 'child.js');
  writeFileSync(
    script,
    `const COUNTER = ${JSON.stringify(counter)};\nrequire('fs').appendFileSync(COUNTER, 'x');\n${childScript}`,
  );
  const proc = spawn(process.execPath, [SUPERVISE, process.execPath, script], {
    env: {
      ...process.env,
      SUPERVISE_BACKOFF_MS: '10',
      SUPERVISE_MAX_CRASHES: '3',
      ...env,
    },
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (onOutput && proc.pid) onOutput(stderr, proc.pid);
  });
  return new Promise((done) =>
    proc.on('exit', (code) =>
      done({ code, starts: readFileSync(counter, 'utf8').length, stderr }),
    ),
  );
}

describe('supervise.js', () => {
  it('restarts a crashing child, then gives up after the crash limit', async () => {
    const out = await supervise('process.exit(3);');
    // The first start plus three restarts, then it gives up with the child's code.
    expect(out.starts).toBe(4);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/giving up/);
  });

  it('restarts a child killed by a signal and stops when it exits cleanly', async () => {
    // Killed by SIGKILL on the first two starts, clean exit on the third.
    const out = await supervise(
      `const n = require('fs').readFileSync(COUNTER, 'utf8').length;
       if (n < 3) process.kill(process.pid, 'SIGKILL'); else process.exit(0);`,
    );
    expect(out.starts).toBe(3);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/signal SIGKILL/);
  });

  it('forwards SIGTERM to the child and exits without restarting it', async () => {
    let signalled = false;
    const out = await supervise(
      `process.on('SIGTERM', () => { console.error('child got SIGTERM'); process.exit(0); });
       console.error('child ready'); setInterval(() => undefined, 1000);`,
      {},
      (stderr, pid) => {
        // Once the child has said it is ready (its stderr is inherited).
        if (!signalled && stderr.includes('child ready')) {
          signalled = true;
          process.kill(pid, 'SIGTERM');
        }
      },
    );
    expect(out.stderr).toContain('child got SIGTERM');
    expect(out.starts).toBe(1);
    expect(out.code).toBe(0);
  });
});
