// Applies the engine calibration's selection rule (fixed before the run, see policy-replay.ts and
// docs/inventory-policy.md) to the transfer's development JSON (merged over the three targets):
//   node -r ./backend/tools/register.js backend/libs/inventory-policy/bench/calibration-choice.ts \
//     bench-results/policy-transfer-dev.json
// Among the candidates holding at least 15% less stock than seasonal naive at 90% on weeks
// 105..132 (naive unable to reach 90% counts as met), the smallest largest |achieved − target| on
// 119..132 (interpolated search); if none holds 15% less, the least stock at 90%.
import { readFileSync } from 'node:fs';

interface DevRun {
  backtest: {
    method: string;
    search: string;
    target: number;
    fillRate: number;
  }[];
  devStock: {
    method: string;
    avgOnHand: number;
    naiveReached: boolean;
    stockReduction: number;
  }[];
}

const file = process.argv[2] ?? 'bench-results/policy-transfer-dev.json';
const run = JSON.parse(readFileSync(file, 'utf8')) as DevRun;
const candidates = run.devStock.map((s) => {
  const rows = run.backtest.filter(
    (b) => b.method === s.method && b.search === 'interpolated',
  );
  if (rows.length !== 3) throw new Error(`${s.method}: ${rows.length} targets`);
  const worstGap = Math.max(
    ...rows.map((b) => Math.abs(b.fillRate - b.target)),
  );
  const eligible = !s.naiveReached || s.stockReduction >= 0.15;
  return { ...s, worstGap, eligible };
});
for (const c of candidates)
  console.log(
    `${c.method}: worst gap ${(100 * c.worstGap).toFixed(2)} pp, stock at 90% ${Math.round(c.avgOnHand)} (${(100 * c.stockReduction).toFixed(1)}% less than naive)${c.eligible ? '' : ', not eligible'}`,
  );
const eligible = candidates.filter((c) => c.eligible);
const chosen =
  eligible.length > 0
    ? eligible.reduce((a, b) => (b.worstGap < a.worstGap ? b : a))
    : candidates.reduce((a, b) => (b.avgOnHand < a.avgOnHand ? b : a));
console.log(
  `Chosen: ${chosen.method} (${eligible.length > 0 ? 'smallest worst gap among those with ≥ 15% less stock' : 'none holds 15% less: least stock'})`,
);
