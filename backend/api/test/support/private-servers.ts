import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Private Redis and PostgreSQL servers for fault tests that restart them: the machine's shared
 * servers serve other spec files running in parallel and must never be restarted.
 */

/** The PostgreSQL binaries directory (newest version), or null when not installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why private servers cannot be started here, or null when they can. */
export function privateServersMissing(): string | null {
  if (!postgresBin()) return 'no PostgreSQL binaries in /usr/lib/postgresql';
  if (!onPath('redis-server')) return 'no redis-server on PATH';
  if (!onPath('runuser'))
    return 'no runuser (PostgreSQL refuses to run as root)';
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    return 'no postgres user';
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A redis-server child on a fixed port, without persistence: a restart starts empty. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (b: Buffer) => {
        out += b.toString();
        if (/ready to accept connections/i.test(out)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`redis-server exited (${code}): ${out}`)),
      );
    });
  }

  /** SIGKILL, like a crashed or OOM-killed Redis. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

/** A PostgreSQL cluster in a temporary directory, run as the postgres user, trust auth. */
export class PrivatePostgres {
  readonly dir: string;
  private readonly bin: string;

  constructor(readonly port: number) {
    this.bin = postgresBin() ?? '';
    this.dir = mkdtempSync(join(tmpdir(), 'shelfcast-pg-'));
    chownSync(this.dir, uid('postgres'), gid('postgres'));
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private pg(tool: string, args: string[]): void {
    execFileSync(
      'runuser',
      ['-u', 'postgres', '--', join(this.bin, tool), ...args],
      { stdio: 'pipe', cwd: this.dir },
    );
  }

  private get ctlArgs(): string[] {
    return [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ];
  }

  start(): void {
    this.pg('initdb', [
      '-D',
      join(this.dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
    ]);
    this.pg('pg_ctl', [...this.ctlArgs, 'start']);
  }

  /** `pg_ctl restart -m fast`: every connection is dropped, the server comes back. */
  restart(): void {
    this.pg('pg_ctl', [...this.ctlArgs, '-m', 'fast', 'restart']);
  }

  stop(): void {
    try {
      this.pg('pg_ctl', [
        '-D',
        join(this.dir, 'data'),
        '-m',
        'immediate',
        'stop',
      ]);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}
function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
