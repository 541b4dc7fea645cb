/**
 * Starts the real, built API (which also serves the built dashboard) on a free port with a fresh
 * SQLite file in a temp dir and the small demo data set, and stops it again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, DASHBOARD_DIR, REPO_ROOT } from './paths';

/** A demo user as printed by the API at start-up (one per role). */
export interface DemoUser {
  role: string;
  email: string;
  password: string;
  storeCodes: string[];
}

export interface ApiServer {
  readonly baseUrl: string;
  readonly dataDir: string;
  /** Demo users the API printed after seeding (none before auth). Printed just after it listens. */
  demoUsers(): DemoUser[];
  /** Everything the process printed so far, without colours. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartApiOptions {
  /** Demo data size; small by default so the whole run stays short on 2 cores. */
  stores?: number;
  products?: number;
  days?: number;
  startTimeoutMs?: number;
}

export function assertBuilt(): void {
  const missing = [API_MAIN, join(DASHBOARD_DIR, 'index.html')].filter(
    (path) => !existsSync(path),
  );
  if (missing.length) {
    throw new Error(
      `Build output missing: ${missing.join(', ')}. Run \`npx nx run-many -t build -p api dashboard\` first (the e2e target does).`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The API logs JSON lines (pino): their messages, one after the other, as plain text. */
function logText(output: string): string {
  return output
    .split('\n')
    .map((line) => {
      try {
        const entry: unknown = JSON.parse(line);
        const msg = (entry as { msg?: unknown } | null)?.msg;
        return typeof msg === 'string' ? msg : line;
      } catch {
        return line;
      }
    })
    .join('\n');
}

/** Parses the "Created the demo users" block that `main.ts` logs after seeding. */
export function parseDemoUsers(log: string): DemoUser[] {
  const output = logText(log);
  const start = output.indexOf('Created the demo users');
  if (start < 0) {
    return [];
  }
  const users: DemoUser[] = [];
  for (const line of output.slice(start).split('\n').slice(1)) {
    const match =
      /^\s+(\S+)\s+(\S+@\S+)\s+(\S+)(?:\s+\(stores ([^)]*)\))?\s*$/.exec(line);
    if (!match) {
      break;
    }
    users.push({
      role: match[1],
      email: match[2],
      password: match[3],
      storeCodes: match[4] ? match[4].split(/,\s*/) : [],
    });
  }
  return users;
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The API exited with code ${child.exitCode} before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `The API was not healthy after ${timeoutMs} ms:\n${output().slice(-4000)}`,
  );
}

export async function startApi(
  options: StartApiOptions = {},
): Promise<ApiServer> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'shelfcast-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NO_COLOR: '1',
    DATABASE_URL: `sqlite:${join(dataDir, 'e2e.db')}`,
    DATA_DIR: dataDir,
    SEED_DEMO: 'if-empty',
    DEMO_STORES: String(options.stores ?? 3),
    DEMO_PRODUCTS: String(options.products ?? 12),
    DEMO_DAYS: String(options.days ?? 400),
    PORT: String(port),
    DASHBOARD_DIR,
    // Every test context signs in through the login page; the default (5 a minute) is for people.
    LOGIN_THROTTLE_LIMIT: '1000',
    // Training only when a test asks for it, without the neural model (seconds, not minutes).
    TRAINING_ENABLED: 'false',
    TRAINING_NEURAL: 'false',
  };
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer): void => {
    log += chunk.toString('utf8').replace(ANSI, '');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const output = (): string => log;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(
      baseUrl,
      child,
      options.startTimeoutMs ?? 120_000,
      output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    dataDir,
    demoUsers: () => parseDemoUsers(log),
    output,
    stop,
  };
}
