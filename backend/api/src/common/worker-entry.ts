import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkerEntry {
  filename: string;
  /** Code for `new Worker(code, { eval: true })` when running from source; null when built. */
  evalCode: string | null;
}

/**
 * Where a worker script is: the webpack build emits `<builtName>` next to main.js; from source
 * (ts-jest, ts-node) `<sourceName>` is found in `dir` or its `subdir` and loaded through the
 * workspace's ts-node hook.
 */
export function workerEntry(
  dir: string,
  builtName: string,
  sourceName: string,
  subdir: string,
): WorkerEntry {
  const built = join(dir, builtName);
  if (existsSync(built)) return { filename: built, evalCode: null };
  const source = [join(dir, sourceName), join(dir, subdir, sourceName)].find(
    (f) => existsSync(f),
  );
  if (!source)
    throw new Error(`worker script ${sourceName} not found next to ${dir}`);
  const register = join(
    source.slice(0, source.lastIndexOf(join('backend', 'api'))),
    'backend',
    'tools',
    'register.js',
  );
  return {
    filename: source,
    evalCode: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
  };
}
