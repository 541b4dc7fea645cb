/**
 * Preloaded into the API process by the api-under-training bench (`node -r …`): measures the
 * event-loop delay with perf_hooks and answers over the IPC channel, so the API itself carries no
 * debug endpoint. Messages: `loop:reset` → `{ type: 'loop:reset' }`; `loop:read` → LoopStats.
 * With BENCH_PROFILE_DIR set, each measured phase (reset → read) is also CPU-profiled through the
 * inspector and written there as `api-<n>.cpuprofile` (open in Chrome DevTools or speedscope).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopStats {
  type: 'loop:stats';
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** Timer callbacks that ran more than 50 ms late: seconds since the reset, and lateness. */
  stalls: { atS: number; lateMs: number }[];
}

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

// When the long delays happen (to find them in a profile or the run log).
const TICK_MS = 10;
let phaseStart = performance.now();
let expected = phaseStart + TICK_MS;
let stalls: LoopStats['stalls'] = [];
setInterval(() => {
  const now = performance.now();
  const late = now - expected;
  if (late > 50 && stalls.length < 200)
    stalls.push({
      atS: Math.round((now - phaseStart) / 10) / 100,
      lateMs: Math.round(late),
    });
  expected = now + TICK_MS;
}, TICK_MS).unref();

const profileDir = process.env['BENCH_PROFILE_DIR'];
const session = profileDir ? new Session() : null;
let profiles = 0;
session?.connect();

/** Starts the profiler (when asked for), then calls back: its start-up pause is not measured. */
function startProfile(then: () => void): void {
  if (!session) return then();
  session.post('Profiler.enable', () =>
    session.post('Profiler.start', () => then()),
  );
}

function stopProfile(): void {
  if (!session || !profileDir) return;
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(
        join(profileDir, `api-${++profiles}.cpuprofile`),
        JSON.stringify(result.profile),
      );
  });
}

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (m: unknown) => {
    if (m === 'loop:reset') {
      startProfile(() => {
        histogram.reset();
        phaseStart = performance.now();
        expected = phaseStart + TICK_MS;
        stalls = [];
        send({ type: 'loop:reset' });
      });
    } else if (m === 'loop:read') {
      stopProfile();
      const stats: LoopStats = {
        type: 'loop:stats',
        maxMs: histogram.max / 1e6,
        p99Ms: histogram.percentile(99) / 1e6,
        meanMs: histogram.mean / 1e6,
        stalls,
      };
      send(stats);
    }
  });
}
