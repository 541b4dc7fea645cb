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
}

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

const profileDir = process.env['BENCH_PROFILE_DIR'];
const session = profileDir ? new Session() : null;
let profiles = 0;
session?.connect();

function startProfile(): void {
  session?.post('Profiler.enable', () =>
    session.post('Profiler.start', () => undefined),
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
      histogram.reset();
      startProfile();
      send({ type: 'loop:reset' });
    } else if (m === 'loop:read') {
      stopProfile();
      const stats: LoopStats = {
        type: 'loop:stats',
        maxMs: histogram.max / 1e6,
        p99Ms: histogram.percentile(99) / 1e6,
        meanMs: histogram.mean / 1e6,
      };
      send(stats);
    }
  });
}
