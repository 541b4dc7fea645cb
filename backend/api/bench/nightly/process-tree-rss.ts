import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

interface ProcInfo {
  ppid: number;
  rssBytes: number;
}

/** ppid and resident set of every process /proc shows (fields 4 and 24 of /proc/<pid>/stat). */
function snapshot(): Map<number, ProcInfo> {
  const procs = new Map<number, ProcInfo>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name (field 2) may hold spaces: the fields after it follow the last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(pid, {
        ppid: Number(rest[1]),
        rssBytes: Number(rest[21]) * PAGE_BYTES,
      });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return procs;
}

/** Sum of RSS over the given roots and all their descendants (threads are inside their process). */
export function treeRssBytes(roots: readonly number[]): number {
  const procs = snapshot();
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(pid);
    children.set(p.ppid, list);
  }
  let total = 0;
  const seen = new Set<number>();
  const stack = roots.filter((r) => procs.has(r));
  while (stack.length) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += procs.get(pid)?.rssBytes ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Samples the summed RSS of a changing set of process trees every `everyMs` and keeps the peak:
 * the run's coordinator, its worker threads (same process) and every worker process.
 */
export class TreeRssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly roots: () => readonly number[],
    everyMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    this.peak = Math.max(this.peak, treeRssBytes(this.roots()));
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}
