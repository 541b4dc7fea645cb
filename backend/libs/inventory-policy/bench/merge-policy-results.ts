// Joins the JSON files of a bench:policy run split by target (POLICY_BENCH_TARGETS) into one:
//   node -r ./backend/tools/register.js backend/libs/inventory-policy/bench/merge-policy-results.ts \
//     bench-results/policy.json bench-results/policy-targets-0.9.json bench-results/policy-targets-0.95.json …
// Per-target arrays and the transfer are concatenated in target order; the rest is taken from the
// first file (the same in every part: data, weeks, engine, served-path check), the elapsed time is
// the longest part's.
import { readFileSync, writeFileSync } from 'node:fs';

interface Part {
  targets: { target: number }[];
  nominal: { target: number }[];
  backtest: { target: number }[];
  matched: { target: number }[];
  devStock?: { target: number }[];
  oracleFillRates: { target: number }[];
  transfer: { achieved: Record<string, number> };
  servedPathEqualsReplay: boolean;
  elapsedSeconds: number;
}

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0)
  throw new Error('usage: merge-policy-results <out.json> <part.json>…');
const parts = inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Part);
const byTarget = <T extends { target: number }>(rows: T[]): T[] =>
  rows.sort((a, b) => a.target - b.target);
const merged: Part = {
  ...parts[0],
  targets: byTarget(parts.flatMap((p) => p.targets)),
  nominal: byTarget(parts.flatMap((p) => p.nominal)),
  backtest: byTarget(parts.flatMap((p) => p.backtest)),
  matched: byTarget(parts.flatMap((p) => p.matched)),
  devStock: byTarget(parts.flatMap((p) => p.devStock ?? [])),
  oracleFillRates: byTarget(parts.flatMap((p) => p.oracleFillRates)),
  transfer: {
    ...parts[0].transfer,
    achieved: Object.assign({}, ...parts.map((p) => p.transfer.achieved)),
  },
  servedPathEqualsReplay: parts.every((p) => p.servedPathEqualsReplay),
  elapsedSeconds: Math.max(...parts.map((p) => p.elapsedSeconds)),
};
writeFileSync(
  out,
  JSON.stringify({ ...merged, mergedFrom: inputs.length }, null, 2),
);
console.log(`Wrote ${out} from ${inputs.length} parts`);
