/**
 * Preloaded into the API process by the api-under-training bench (`node -r …`): measures the
 * event-loop delay with perf_hooks and answers over the IPC channel, so the API itself carries no
 * debug endpoint. Messages: `loop:reset` → `{ type: 'loop:reset' }`; `loop:read` → LoopStats.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopStats {
  type: 'loop:stats';
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (m: unknown) => {
    if (m === 'loop:reset') {
      histogram.reset();
      send({ type: 'loop:reset' });
    } else if (m === 'loop:read') {
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
