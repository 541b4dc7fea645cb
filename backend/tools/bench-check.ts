/**
 * Checks that every bench listed in bench-fields.json wrote its JSON result with the documented
 * fields. Usage: node -r ./backend/tools/register.js backend/tools/bench-check.ts [dir]
 * (default bench-results/smoke, where BENCH_SMOKE=1 runs write). Exits 1 on any gap.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBenchSpecs, missingFields } from './bench-json';

const dir = resolve(
  process.argv[2] ?? join(__dirname, '../../bench-results/smoke'),
);
let failed = 0;
// Every bench:* script needs an entry in bench-fields.json, so a new bench is checked too.
const scripts = Object.keys(
  (
    JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts,
).filter((s) => s.startsWith('bench:'));
const specs = loadBenchSpecs();
for (const script of scripts)
  if (!specs[script.slice('bench:'.length)]) {
    console.log(
      `FAIL ${script}: no entry in backend/tools/bench-fields.json (its command and JSON fields)`,
    );
    failed++;
  }
for (const [name, spec] of Object.entries(specs)) {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) {
    console.log(
      `FAIL ${name}: ${file} missing (run BENCH_SMOKE=1 ${spec.command})`,
    );
    failed++;
    continue;
  }
  let missing: string[];
  try {
    missing = missingFields(
      JSON.parse(readFileSync(file, 'utf8')),
      spec.fields,
    );
  } catch (error) {
    missing = [`unreadable JSON: ${(error as Error).message}`];
  }
  if (missing.length) {
    console.log(`FAIL ${name}: missing ${missing.join(', ')}`);
    failed++;
  } else console.log(`ok   ${name}: ${spec.fields.length} fields`);
}
if (failed) {
  console.log(`${failed} bench result(s) incomplete in ${dir}`);
  process.exit(1);
}
