import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BenchDb,
  dropPostgresDb,
  postgresDb,
  rowsAdded,
  sqliteDb,
} from './bench-db';
import { catalogueFor, type CatalogueSize } from './catalogue';
import {
  killHard,
  productEnv,
  resultOf,
  spawnTs,
  spawnWorker,
  stop,
} from './processes';
import { TreeRssSampler } from './process-tree-rss';

export interface CaseSpec {
  series: number;
  database: 'sqlite' | 'postgres';
  /** Worker processes (QUEUE=redis); 0: the API trains in its own worker threads (QUEUE=threads). */
  workers: number;
  /** Kill -9 every process of the run mid-run, restart them, let the run finish. */
  resumed: boolean;
}

export interface CaseResult {
  series: number;
  targetSeries: number;
  catalogue: CatalogueSize;
  database: string;
  queue: 'threads' | 'redis';
  workers: number;
  wallSeconds: number;
  peakRssMb: number;
  rowsWritten: number;
  rowsByTable: Record<string, number>;
  resumed: boolean;
  status: string;
  shards: number;
  /** Seconds into the run of the kill -9, and shards done by then (resumed runs). */
  kill: { afterSeconds: number; shardsDone: number } | null;
  seedSeconds: number;
  /** 1-minute load average of the machine: mean of samples taken during the run, and at its start. */
  loadAvg: number;
  loadAvgAtStart: number;
  /** The post-promotion policy proof of the run (part of wallSeconds); null without one. */
  proof: { status: string; seconds: number; lines: number } | null;
}

const REDIS_URL = process.env['NIGHTLY_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ShardRow {
  status: string;
}
interface ProofRow {
  status: string;
  duration_ms: number | string | null;
  lines: number | string;
}

/** One measured nightly run on a freshly generated catalogue in a fresh database. */
export async function runCase(
  spec: CaseSpec,
  index: number,
): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfcast-nightly-'));
  const pgName = `bench_nightly_${process.pid}_${index}`;
  const db: BenchDb =
    spec.database === 'sqlite'
      ? sqliteDb(join(dir, 'shelfcast.db'))
      : await postgresDb(pgName);
  const queue = spec.workers > 0 ? 'redis' : 'threads';
  const env = productEnv({
    databaseUrl: db.url,
    dataDir: join(dir, 'data'),
    redis:
      queue === 'redis'
        ? { url: REDIS_URL, prefix: `bench-nightly-${Date.now()}-${index}` }
        : null,
  });
  const catalogue = catalogueFor(spec.series);
  try {
    const seedStarted = Date.now();
    const seeded = await resultOf<{ series: number }>(
      spawnTs('seed.child.ts', [JSON.stringify(catalogue)], env),
    );
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(
      `seeded ${seeded.series} series (${catalogue.stores} stores × ${catalogue.products} products × ${catalogue.days} days) in ${seedSeconds.toFixed(0)} s`,
    );
    const before = await db.tableCounts();

    let workers: ChildProcess[] = [];
    const startWorkers = () => {
      workers = Array.from({ length: spec.workers }, () => spawnWorker(env));
    };
    let api: ChildProcess | null = null;
    const sampler = new TreeRssSampler(() =>
      [api?.pid, ...workers.map((w) => w.pid)].filter(
        (p): p is number => p !== undefined,
      ),
    );
    const loads: number[] = [];
    const loadTimer = setInterval(() => loads.push(loadavg()[0]), 5000);
    const loadAvgAtStart = loadavg()[0];

    startWorkers();
    api = spawnTs('run.child.ts', ['fire'], env);
    let startedAt = 0;
    let runId = '';
    api.stdout?.on('data', (d: Buffer) => {
      const m = /"started":"([^"]+)"/.exec(d.toString());
      if (m && !startedAt) {
        startedAt = Date.now();
        runId = m[1];
      }
    });
    let outcome = resultOf<{ runId: string; status: string }>(api);
    let kill: CaseResult['kill'] = null;
    if (spec.resumed) {
      kill = await killMidRun(
        db,
        () => runId,
        () => startedAt,
        api,
        outcome,
      );
      if (kill) {
        await Promise.all([killHard(api), ...workers.map(killHard)]);
        console.log(
          `killed -9 after ${kill.afterSeconds.toFixed(0)} s (${kill.shardsDone} shard(s) done); restarting`,
        );
        outcome.catch(() => undefined);
        startWorkers();
        api = spawnTs('run.child.ts', ['resume'], env);
        outcome = resultOf(api);
      }
    }
    const result = await outcome;
    const endedAt = Date.now();
    clearInterval(loadTimer);
    await Promise.all(workers.map(stop));
    const peak = sampler.stop();
    const after = await db.tableCounts();
    const byTable = rowsAdded(before, after);
    const shards = await db.query<ShardRow>(
      'SELECT status FROM run_shards WHERE run_id = ?',
      [result.runId],
    );
    const [proof] = await db.query<ProofRow>(
      'SELECT status, duration_ms, lines FROM policy_proofs WHERE run_id = ? ORDER BY id DESC LIMIT 1',
      [result.runId],
    );
    return {
      series: seeded.series,
      targetSeries: spec.series,
      catalogue,
      database: spec.database,
      queue,
      workers: spec.workers,
      wallSeconds: Math.round((endedAt - startedAt) / 100) / 10,
      peakRssMb: Math.round(peak / 2 ** 20),
      rowsWritten: Object.values(byTable).reduce((s, n) => s + n, 0),
      rowsByTable: byTable,
      resumed: kill !== null,
      status: result.status,
      shards: shards.length,
      kill,
      seedSeconds: Math.round(seedSeconds),
      loadAvg: round2(
        loads.length
          ? loads.reduce((s, x) => s + x, 0) / loads.length
          : loadavg()[0],
      ),
      loadAvgAtStart: round2(loadAvgAtStart),
      proof: proof
        ? {
            status: proof.status,
            seconds: Math.round(Number(proof.duration_ms ?? 0) / 100) / 10,
            lines: Number(proof.lines),
          }
        : null,
    };
  } finally {
    await db.close();
    if (spec.database === 'postgres') await dropPostgresDb(pgName);
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Waits until half the run's shards are done (at least one), or — a run of one shard — until
 * NIGHTLY_KILL_AFTER seconds (default 60) have passed, and says so; null when the run ended first.
 */
async function killMidRun(
  db: BenchDb,
  runId: () => string,
  startedAt: () => number,
  api: ChildProcess,
  outcome: Promise<unknown>,
): Promise<CaseResult['kill']> {
  const killAfter = Number(process.env['NIGHTLY_KILL_AFTER'] ?? 60) * 1000;
  let ended = false;
  outcome.then(
    () => (ended = true),
    () => (ended = true),
  );
  for (;;) {
    await sleep(500);
    if (ended || api.exitCode !== null) return null;
    if (!runId()) continue;
    const rows = await db.query<ShardRow>(
      'SELECT status FROM run_shards WHERE run_id = ?',
      [runId()],
    );
    const done = rows.filter((r) => r.status === 'done').length;
    const elapsed = Date.now() - startedAt();
    const half = Math.max(1, Math.floor(rows.length / 2));
    if (
      (rows.length > 1 && done >= half && done < rows.length) ||
      (rows.length <= 1 && elapsed >= killAfter)
    )
      return { afterSeconds: elapsed / 1000, shardsDone: done };
  }
}
