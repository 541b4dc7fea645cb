/**
 * npm run bench:api-under-training — the dashboard's main endpoints under load (autocannon, 50
 * concurrent clients for BENCH_SECONDS, default 15) against the real API over loopback HTTP, on a
 * fresh SQLite database seeded with the demo panel (10 stores × 200 products × 400 days = 2,000
 * series, through the product's import path). Measured twice: with no training, and while a
 * training run of all 2,000 series runs in the API's worker thread. p95 per endpoint (from every
 * response time), and the API process's event-loop delay (perf_hooks, read over IPC by a
 * preloaded probe). Writes bench-results/api-under-training.json.
 *
 * The API runs from source (ts-node) in a child process so that the load generator does not share
 * its event loop. Env: BENCH_SECONDS, BENCH_CONNECTIONS (50), BENCH_NEURAL (0: baseline models
 * only, 1: also the global tfjs model), BENCH_FINISH (1: let the run finish instead of cancelling it),
 * BENCH_WHOLE_RUN (1: the second phase lasts the whole run — training, forecast writes, promotion —
 * and BENCH_TAIL seconds after it ends, default 30, while recommendations are regenerated),
 * BENCH_PROFILE_DIR (CPU profile of the API per phase).
 * BENCH_SMOKE=1: a 2 × 10 × 150-day demo, 5 clients, 3 s, the whole (short) run plus 2 s; writes
 * bench-results/smoke/api-under-training.json.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types for autocannon (no @types package installed)
/// <reference path="./support/autocannon.d.ts" />
import autocannon from 'autocannon';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoopStats } from './support/event-loop-probe';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE, benchResultPath, smokeOr } from '../../tools/bench-smoke';

const ROOT = resolve(__dirname, '../../..');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? smokeOr(15, 3));
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? smokeOr(50, 5));
const NEURAL = process.env['BENCH_NEURAL'] === '1';
// A smoke run's training is over in seconds: it always measures the whole run.
const WHOLE_RUN = BENCH_SMOKE || process.env['BENCH_WHOLE_RUN'] === '1';
const FINISH = WHOLE_RUN || process.env['BENCH_FINISH'] === '1';
const TAIL_SECONDS = Number(process.env['BENCH_TAIL'] ?? smokeOr(30, 2));
const DEMO = smokeOr(
  { stores: 10, products: 200, days: 400 },
  { stores: 2, products: 10, days: 150 },
);
// The documented demo planner (created with the demo data set; may trigger runs).
const PLANNER = {
  email: 'planner@demo.shelfcast',
  password: 'demo-planner-pass',
};
const TARGET = { p95Ms: 50, loopDelayMs: 100 };

interface EndpointResult {
  name: string;
  path: string;
  requests: number;
  non2xx: number;
  /** Requests without an answer within autocannon's 10 s timeout, and socket errors. */
  timeouts: number;
  errors: number;
  /** One request at a time before the load (median of 3): the endpoint's own cost. */
  aloneMs?: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

interface Phase {
  label: string;
  /** Wall-clock start of the load (ms since the epoch). */
  startedAt: number;
  seconds: number;
  requests: number;
  requestsPerSec: number;
  p95Ms: number;
  loop: LoopStats;
  endpoints: EndpointResult[];
  run?: {
    id: string;
    statusAtStart: string;
    statusAtEnd: string;
    seriesDone: number;
    seriesTotal: number;
  };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

class Api {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(dbPath: string, dataDir: string): Promise<Api> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, 'backend/tools/register.js'),
        '-r',
        join(__dirname, 'support/event-loop-probe.ts'),
        join(ROOT, 'backend/api/src/main.ts'),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          DATABASE_URL: `sqlite:${dbPath}`,
          DATA_DIR: dataDir,
          DASHBOARD_DIR: '',
          SEED_DEMO: 'if-empty',
          DEMO_STORES: String(DEMO.stores),
          DEMO_PRODUCTS: String(DEMO.products),
          DEMO_DAYS: String(DEMO.days),
          JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
          ACCESS_TOKEN_TTL: '86400',
          THROTTLE_LIMIT: '100000000',
          LOG_LEVEL: 'warn',
          TRAINING_ENABLED: 'false',
          TRAINING_NEURAL: NEURAL ? 'true' : 'false',
          QUEUE: 'threads',
        },
      },
    );
    const api = new Api(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 15 * 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the API exited with code ${child.exitCode}`);
      try {
        if ((await fetch(`${api.url}/api/health`)).ok) return api;
      } catch {
        // not listening yet (the demo seed runs before listen)
      }
      await sleep(1000);
    }
    throw new Error('the API did not start within 15 minutes');
  }

  ipc<T>(message: string, reply: string): Promise<T> {
    return new Promise((res) => {
      const on = (m: unknown) => {
        if (
          typeof m === 'object' &&
          m !== null &&
          (m as { type?: string }).type === reply
        ) {
          this.child.off('message', on);
          res(m as T);
        }
      };
      this.child.on('message', on);
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`,
    );
  return (await res.json()) as T;
}

async function measure(
  api: Api,
  label: string,
  endpoints: { name: string; path: string }[],
  headers: Record<string, string>,
  /** When given, the load runs until this resolves instead of for SECONDS. */
  until?: Promise<unknown>,
): Promise<Phase> {
  const alone = new Map<string, number>();
  for (const e of endpoints) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await (await fetch(`${api.url}${e.path}`, { headers })).arrayBuffer();
      times.push(performance.now() - t);
    }
    alone.set(e.name, times.sort((a, b) => a - b)[1]);
  }
  await api.ipc('loop:reset', 'loop:reset');
  const allTimes: number[] = [];
  const perEndpoint = Math.max(1, Math.floor(CONNECTIONS / endpoints.length));
  const started = Date.now();
  const instances: { stop(): void }[] = [];
  void until?.then(() => instances.forEach((i) => i.stop()));
  const results = await Promise.all(
    endpoints.map(
      (e) =>
        new Promise<EndpointResult>((res, rej) => {
          const times: number[] = [];
          let non2xx = 0;
          const instance = autocannon(
            {
              url: `${api.url}${e.path}`,
              connections: perEndpoint,
              duration: until ? 24 * 3600 : SECONDS,
              headers,
            },
            (err, result) => {
              if (err) return rej(err);
              times.sort((a, b) => a - b);
              res({
                name: e.name,
                path: e.path,
                requests: times.length,
                non2xx,
                timeouts: result.timeouts,
                errors: result.errors,
                p50Ms: percentile(times, 0.5),
                p95Ms: percentile(times, 0.95),
                maxMs: times[times.length - 1] ?? 0,
              });
            },
          );
          instances.push(instance);
          instance.on(
            'response',
            (_client, status: number, _bytes, ms: number) => {
              times.push(ms);
              allTimes.push(ms);
              if (status < 200 || status >= 300) non2xx++;
            },
          );
        }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const loop = await api.ipc<LoopStats>('loop:read', 'loop:stats');
  const requests = results.reduce((s, r) => s + r.requests, 0);
  allTimes.sort((a, b) => a - b);
  return {
    label,
    startedAt: started,
    seconds,
    requests,
    requestsPerSec: requests / seconds,
    p95Ms: percentile(allTimes, 0.95),
    loop,
    endpoints: results.map((r) => ({ ...r, aloneMs: alone.get(r.name) })),
  };
}

async function main(): Promise<void> {
  // BENCH_DIR keeps (and reuses) the seeded database between runs.
  const keep = process.env['BENCH_DIR'];
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'shelfcast-bench-'));
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  console.log(
    `Starting the API on a fresh SQLite database in ${dir} (seeding ${DEMO.stores} × ${DEMO.products} × ${DEMO.days} days)…`,
  );
  const api = await Api.start(join(dir, 'bench.db'), join(dir, 'data'));
  const seedSeconds = (Date.now() - t0) / 1000;
  try {
    const { accessToken } = await json<{ accessToken: string }>(
      `${api.url}/api/auth/login`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(PLANNER),
      },
    );
    const headers = { authorization: `Bearer ${accessToken}` };
    const stores = await json<{ code: string }[]>(`${api.url}/api/stores`, {
      headers,
    });
    const products = await json<{ items: { sku: string; name: string }[] }>(
      `${api.url}/api/products?limit=5`,
      { headers },
    );
    const store = stores[0].code;
    const product = products.items[0];
    const endpoints = [
      { name: 'health', path: '/api/health' },
      { name: 'freshness', path: '/api/data/freshness' },
      {
        name: 'series',
        path: `/api/forecasts/series?store=${store}&sku=${product.sku}`,
      },
      { name: 'runs', path: '/api/training/runs?limit=20' },
      {
        name: 'products',
        path: `/api/products?search=${encodeURIComponent(product.name.slice(0, 4))}`,
      },
    ];
    // BENCH_SKIP=freshness,… leaves endpoints out (to see the others without the slowest one).
    const skip = (process.env['BENCH_SKIP'] ?? '').split(',');
    endpoints.splice(
      0,
      endpoints.length,
      ...endpoints.filter((e) => !skip.includes(e.name)),
    );
    type Run = {
      id: string;
      status: string;
      seriesDone: number;
      seriesTotal: number;
    };
    const post = (path: string, body: unknown) =>
      json<Run>(`${api.url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const get = (id: string) =>
      json<Run>(`${api.url}/api/training/runs/${id}`, { headers });
    const ended = (s: string) =>
      ['promoted', 'rejected', 'failed', 'cancelled'].includes(s);

    // A champion for one store first, so the series endpoint reads real forecast rows.
    console.log(
      `Seeded in ${seedSeconds.toFixed(0)} s; training a champion for store ${store}…`,
    );
    let champion = await post('/api/training/runs', {
      scope: 'store',
      key: store,
    });
    while (!ended(champion.status)) {
      await sleep(2000);
      champion = await get(champion.id);
    }
    console.log(
      `Champion run ${champion.status} (${champion.seriesDone} series).`,
    );
    // The promotion's follow-up work (recommendations, affinity) runs after it: the "no training"
    // phase starts once the champion's recommendations are there and that work has settled.
    const settleDeadline = Date.now() + 5 * 60_000;
    for (;;) {
      const page = await json<{ items: { runId: string }[] }>(
        `${api.url}/api/recommendations?limit=1`,
        { headers },
      );
      if (page.items[0]?.runId === champion.id) break;
      if (Date.now() > settleDeadline)
        throw new Error('the champion run had no recommendations after 5 min');
      await sleep(1000);
    }
    await sleep(5000);

    console.log(
      `Measuring with no training (${CONNECTIONS} clients, ${SECONDS} s)…`,
    );
    const idle = await measure(api, 'no training', endpoints, headers);

    let run = await post('/api/training/runs', { scope: 'all' });
    while (!['backtesting', 'training', 'forecasting'].includes(run.status)) {
      // A smoke run may end before a poll sees it working: measure its tail.
      if (ended(run.status) && BENCH_SMOKE) break;
      if (ended(run.status))
        throw new Error(`the run ended before the measurement: ${run.status}`);
      await sleep(500);
      run = await get(run.id);
    }
    const statusAtStart = run.status;
    console.log(
      `Measuring during the training run ${run.id} (${run.seriesTotal} series, ${run.status})…`,
    );
    // BENCH_WHOLE_RUN: load until the run has ended and BENCH_TAIL seconds more.
    const runEnded = WHOLE_RUN
      ? (async () => {
          let r = run;
          while (!ended(r.status)) {
            await sleep(2000);
            r = await get(run.id);
          }
          console.log(
            `Run ${r.status}; measuring ${TAIL_SECONDS} s more (recommendations)…`,
          );
          await sleep(TAIL_SECONDS * 1000);
        })()
      : undefined;
    const busy = await measure(
      api,
      WHOLE_RUN ? 'whole training run' : 'during training',
      endpoints,
      headers,
      runEnded,
    );
    run = await get(run.id);
    busy.run = {
      id: run.id,
      statusAtStart,
      statusAtEnd: run.status,
      seriesDone: run.seriesDone,
      seriesTotal: run.seriesTotal,
    };
    if (!ended(run.status)) {
      if (FINISH) {
        console.log('Letting the run finish…');
        while (!ended(run.status)) {
          await sleep(5000);
          run = await get(run.id);
        }
      } else await post(`/api/training/runs/${run.id}/cancel`, {});
    }

    const row = (p: Phase) =>
      `| ${p.label} | ${p.requests} | ${p.requestsPerSec.toFixed(0)} | ${p.endpoints
        .map((e) => e.p95Ms.toFixed(0))
        .join(
          ' | ',
        )} | ${p.p95Ms.toFixed(0)} | ${p.loop.maxMs.toFixed(0)} | ${p.loop.p99Ms.toFixed(0)} |`;
    const table = [
      `| | requests | req/s | ${endpoints.map((e) => `p95 ${e.name} (ms)`).join(' | ')} | p95 all (ms) | max loop delay (ms) | p99 loop delay (ms) |`,
      `|${' --- |'.repeat(endpoints.length + 6)}`,
      `| one request at a time (ms) | | | ${idle.endpoints.map((e) => (e.aloneMs ?? 0).toFixed(0)).join(' | ')} | | | |`,
      row(idle),
      row(busy),
    ].join('\n');
    const failures = (p: Phase) =>
      p.endpoints
        .map(
          (e) =>
            `${e.name}: ${e.timeouts} timeouts, ${e.errors} errors, ${e.non2xx} non-2xx`,
        )
        .join('; ');
    console.log(`\n${table}\n`);
    console.log(`no training — ${failures(idle)}`);
    console.log(`during training — ${failures(busy)}`);
    const stalls = (p: Phase) =>
      `${p.loop.stalls.length} timer(s) more than 50 ms late${
        p.loop.stalls.length
          ? `, the longest: ${[...p.loop.stalls]
              .sort((a, b) => b.lateMs - a.lateMs)
              .slice(0, 5)
              .map((x) => `${x.lateMs} ms at +${x.atS} s`)
              .join(', ')}`
          : ''
      }`;
    console.log(`loop stalls, no training — ${stalls(idle)}`);
    console.log(`loop stalls, ${busy.label} — ${stalls(busy)}`);
    if (busy.run) {
      const detail = await json<{
        phases: Record<string, { startedAt: string; endedAt: string | null }>;
      }>(`${api.url}/api/training/runs/${busy.run.id}`, { headers });
      const at = (iso: string | null) =>
        iso
          ? `+${((Date.parse(iso) - busy.startedAt) / 1000).toFixed(1)} s`
          : '…';
      console.log(
        `run phases (from the start of that measurement): ${Object.entries(
          detail.phases,
        )
          .map(([k, v]) => `${k} ${at(v.startedAt)}–${at(v.endedAt)}`)
          .join(', ')}`,
      );
    }
    const met =
      busy.p95Ms < TARGET.p95Ms && busy.loop.maxMs < TARGET.loopDelayMs;
    console.log(
      `Request pacing: REQUEST_TURN_BUDGET_MS=${process.env['REQUEST_TURN_BUDGET_MS'] ?? '20 (default)'}`,
    );
    console.log(
      `Targets during training (p95 < ${TARGET.p95Ms} ms, loop delay < ${TARGET.loopDelayMs} ms): ${met ? 'met' : 'MISSED'}`,
    );
    writeFileSync(
      process.env['BENCH_OUT']
        ? join(ROOT, process.env['BENCH_OUT'])
        : benchResultPath('api-under-training'),
      JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          machine: { cores: availableParallelism(), loadavg1m: loadavg()[0] },
          panel: { ...DEMO, series: DEMO.stores * DEMO.products },
          connections: CONNECTIONS,
          seconds: SECONDS,
          neural: NEURAL,
          requestTurnBudgetMs:
            process.env['REQUEST_TURN_BUDGET_MS'] ?? 'default (20)',
          api: 'ts-node child process, SQLite, NODE_ENV=production, 1 training worker thread by default (cores − 1)',
          targets: TARGET,
          targetsMet: met,
          champion: {
            id: champion.id,
            status: champion.status,
            series: champion.seriesDone,
          },
          phases: [idle, busy],
          finalRunStatus: run.status,
          table,
        },
        null,
        2,
      ),
    );
  } finally {
    await api.stop();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
