/**
 * npm run bench:nightly — the product's whole nightly run (train → promote → recommend) on a
 * synthetic catalogue: for each size in NIGHTLY_SIZES (default 10000,100000 series) the demo
 * generator scaled (stores × products, 365 days of daily sales with prices, promotions, stock-outs,
 * inventory, purchase orders, signals and events) is imported into a fresh database through the
 * product's bulk writer (not timed); then the cron handler's run is fired in an API process and
 * timed until its post-promotion work has ended (the policy proof included; its own time is
 * reported as `proof`). Peak RSS is the sum over every process of the run (the API with its
 * worker threads, and worker processes), sampled from /proc every 250 ms;
 * rowsWritten counts the rows the run added (forecasts, backtests, outcomes, recommendations…).
 *
 * Env: NIGHTLY_SIZES; NIGHTLY_DATABASES (sqlite,postgres; default sqlite; postgres needs
 * 127.0.0.1:5432 with trust auth, or NIGHTLY_PG_URL); NIGHTLY_WORKERS (default 1,2: on PostgreSQL,
 * QUEUE=redis with that many `node dist/backend/api/worker.js` processes of one training thread
 * each, the API only coordinating; Redis at NIGHTLY_REDIS_URL, default 127.0.0.1:6379, a fresh
 * queue prefix per run); NIGHTLY_RESUME (1: also one run per size and database that is killed -9
 * mid-run and restarted; default 1, 0 in smoke mode; `only`: just those); NIGHTLY_APPEND=1 adds
 * to the runs already in bench-results/nightly.json instead of replacing them; NIGHTLY_RESULT=<name> writes
 * bench-results/<name>.json instead (runs measured side by side, merged afterwards).
 * BENCH_SMOKE=1: 200 series, SQLite only, no kill; writes bench-results/smoke/nightly.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { BENCH_SMOKE, benchResultPath, smokeOr } from '../../tools/bench-smoke';
import { ensureWorkerBuild } from './nightly/processes';
import { type CaseResult, type CaseSpec, runCase } from './nightly/run-case';

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function cases(): CaseSpec[] {
  const sizes = list('NIGHTLY_SIZES', smokeOr('10000,100000', '200')).map(
    Number,
  );
  const databases = BENCH_SMOKE
    ? ['sqlite']
    : list('NIGHTLY_DATABASES', 'sqlite');
  const workerCounts = list('NIGHTLY_WORKERS', '1,2').map(Number);
  const resumeEnv = process.env['NIGHTLY_RESUME'] ?? smokeOr('1', '0');
  const resume = resumeEnv === '1' || resumeEnv === 'only';
  const out: CaseSpec[] = [];
  for (const series of sizes) {
    if (!Number.isInteger(series) || series < 10)
      throw new Error(`NIGHTLY_SIZES: ${series} is not a whole number ≥ 10`);
    for (const database of databases) {
      if (database !== 'sqlite' && database !== 'postgres')
        throw new Error(`NIGHTLY_DATABASES: unknown database ${database}`);
      // SQLite is the single-machine mode (worker threads); PostgreSQL the BullMQ scale-out mode.
      const counts = database === 'sqlite' ? [0] : workerCounts;
      if (resumeEnv !== 'only')
        for (const workers of counts)
          out.push({ series, database, workers, resumed: false });
      if (resume)
        out.push({
          series,
          database,
          workers: Math.max(...counts),
          resumed: true,
        });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const specs = cases();
  if (specs.some((s) => s.workers > 0)) ensureWorkerBuild();
  const file = benchResultPath(process.env['NIGHTLY_RESULT'] ?? 'nightly');
  const previous: CaseResult[] =
    process.env['NIGHTLY_APPEND'] === '1' && existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { runs: CaseResult[] }).runs
      : [];
  const runs: CaseResult[] = [...previous];
  const save = () =>
    writeFileSync(
      file,
      JSON.stringify(
        { date: new Date().toISOString(), cpus: availableParallelism(), runs },
        null,
        2,
      ) + '\n',
    );
  for (const [i, spec] of specs.entries()) {
    const label = `${spec.series} series, ${spec.database}${spec.workers ? `, ${spec.workers} worker(s)` : ''}${spec.resumed ? ', killed -9 and resumed' : ''}`;
    console.log(`— ${label}`);
    const r = await runCase(spec, i);
    if (spec.resumed && !r.resumed)
      console.warn('the run ended before the kill: recorded as not resumed');
    console.log(
      `${r.series} series: ${r.status} in ${r.wallSeconds} s, peak RSS ${r.peakRssMb} MB (all processes), ${r.rowsWritten} rows written, ${r.shards} shard(s), load ${r.loadAvg}${r.proof ? `; policy proof ${r.proof.status} in ${r.proof.seconds} s over ${r.proof.lines} lines` : ''}`,
    );
    runs.push(r);
    save();
  }
  console.log(`wrote ${file}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
