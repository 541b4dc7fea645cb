/**
 * docs/benchmarks.md tables of bench:policy (backend/libs/inventory-policy/bench) and
 * bench:affinity (backend/libs/affinity/bench).
 */
import { bytes, fixed, int, pct, table, times } from './markdown';

interface PolicySummary {
  fillRate: number;
  cycleServiceLevel?: number;
  averageOnHand: number;
  weeksOfCover?: number;
  orders?: number;
}

export interface PolicyResult {
  series: number;
  /** Every n-th series of the data set (POLICY_BENCH_STRIDE). */
  seriesStride?: number;
  /** The engine's refits: whether the neural candidate was trained. */
  engine?: { neural: boolean; refitWeeks: number } | null;
  calibration?: { scoreWindowWeeks: number; search: string };
  seriesWeeks: number;
  weeks: { first: number; split?: number; last: number };
  oracleFillRates: {
    target: number;
    fillRate: number;
    backorderFormulaFillRate: number;
  }[];
  nominal: (PolicySummary & {
    method: string;
    target: number;
    /** Development runs: pooled fill rate of the first week and of the rest. */
    split?: { first: number; rest: number } | null;
  })[];
  backtest: (PolicySummary & {
    method: string;
    /** How the parameter was read off the fill curve (grid point or interpolated). */
    search?: string;
    target: number;
    parameter: number;
    reachedInTraining?: boolean;
    withinOnePoint: boolean;
  })[];
  matched: {
    target: number;
    ours: PolicySummary & { parameter: number; reached?: boolean };
    naive: PolicySummary & { parameter: number; reached?: boolean };
    stockReduction: number | null;
  }[];
  /** The transfer's development run: each candidate's stock at 90% against seasonal naive. */
  devStock?: {
    method: string;
    achieved: number;
    avgOnHand: number;
    naiveAvgOnHand: number;
    naiveAchieved: number;
    stockReduction: number;
  }[];
  oneSeriesReplayMs?: Record<string, number>;
}

export function policyTables(r: PolicyResult): string[] {
  const { first, split, last } = r.weeks;
  const out = [
    `${int(r.series)} store × brand series${(r.seriesStride ?? 1) > 1 ? ` (every ${r.seriesStride}th of the data set)` : ''}, weeks ${first}–${last} (${int(r.seriesWeeks)} series-weeks)` +
      (r.engine
        ? `; the engine refitted every ${r.engine.refitWeeks} weeks, neural candidate ${r.engine.neural ? 'on' : 'off'}`
        : '') +
      (r.calibration
        ? `; calibration score window ${r.calibration.scoreWindowWeeks} weeks, ${r.calibration.search} parameter search`
        : '') +
      '.',
    '**Policy alone** (synthetic lognormal demand, the true quantiles as forecasts): achieved fill rate.\n\n' +
      table(
        ['policy formula', ...r.oracleFillRates.map((o) => pct(o.target, 0))],
        [
          [
            'lost sales (used by the replay)',
            ...r.oracleFillRates.map((o) => pct(o.fillRate, 2)),
          ],
          [
            'backorder',
            ...r.oracleFillRates.map((o) => pct(o.backorderFormulaFillRate, 2)),
          ],
        ],
        ['l', ...r.oracleFillRates.map(() => 'r' as const)],
      ),
    '**Nominal**: the target handed to the policy as is.\n\n' +
      table(
        [
          'forecaster',
          'target',
          'achieved fill rate',
          'cycle service',
          'avg on hand',
          'weeks of cover',
          'orders',
        ],
        r.nominal.map((x) => [
          x.method,
          pct(x.target, 0),
          pct(x.fillRate),
          pct(x.cycleServiceLevel),
          int(x.averageOnHand),
          fixed(x.weeksOfCover, 2),
          int(x.orders),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
  ];
  if (r.backtest.length)
    out.push(
      `**Backtest-calibrated**: service parameter searched on weeks ${first}–${(split ?? last) - 1}, applied to weeks ${split}–${last}.\n\n` +
        table(
          [
            'forecaster',
            'target',
            'parameter',
            'achieved fill rate (out of sample)',
            'cycle service',
            'avg on hand',
            'within ±1 pp',
          ],
          r.backtest.map((x) => [
            x.method + (x.search ? `, ${x.search} search` : ''),
            pct(x.target, 0),
            pct(x.parameter, 2) +
              (x.reachedInTraining === false ? ' (max)' : ''),
            pct(x.fillRate),
            pct(x.cycleServiceLevel),
            int(x.averageOnHand),
            x.withinOnePoint ? 'yes' : 'no',
          ]),
          ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
        ),
    );
  if (r.matched.length) {
    const param = (c: {
      parameter: number;
      reached?: boolean;
      fillRate: number;
    }): string =>
      c.reached === false
        ? `${pct(c.parameter, 2)}: reaches only ${pct(c.fillRate)}`
        : pct(c.parameter, 2);
    out.push(
      `**Same achieved fill rate**: both policies calibrated on weeks ${first}–${last}, average stock compared.\n\n` +
        table(
          [
            'target',
            'ours: achieved',
            'ours: parameter',
            'ours: avg on hand',
            'naive: achieved',
            'naive: parameter',
            'naive: avg on hand',
            'stock vs naive',
          ],
          r.matched.map((x) => [
            pct(x.target, 0),
            pct(x.ours.fillRate, 2),
            param(x.ours),
            int(x.ours.averageOnHand),
            pct(x.naive.fillRate, 2),
            param(x.naive),
            int(x.naive.averageOnHand),
            x.stockReduction === null
              ? 'not comparable'
              : pct(-x.stockReduction),
          ]),
          ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        ),
    );
  }
  if (r.devStock?.length)
    out.push(
      `**Stock at 90%** (selection rule's stock condition): each forecaster's parameter searched on weeks ${first}–${last}, against seasonal naive at the same fill rate.\n\n` +
        table(
          [
            'forecaster',
            'achieved',
            'avg on hand',
            'naive: achieved',
            'naive: avg on hand',
            'stock vs naive',
          ],
          r.devStock.map((x) => [
            x.method,
            pct(x.achieved, 2),
            int(x.avgOnHand),
            pct(x.naiveAchieved, 2),
            int(x.naiveAvgOnHand),
            pct(-x.stockReduction),
          ]),
          ['l', 'r', 'r', 'r', 'r', 'r'],
        ),
    );
  const ms = Object.entries(r.oneSeriesReplayMs ?? {});
  if (ms.length)
    out.push(
      'One-series replay with a cold forecaster (what the what-if slider pays), median: ' +
        ms.map(([m, v]) => `${m} ${fixed(v, 0)} ms`).join('; ') +
        '.',
    );
  return out;
}

/** The development run (POLICY_BENCH_DEV=1): one row per forecaster over the three targets. */
export function policyDevTables(r: PolicyResult): string[] {
  const targets = [...new Set(r.nominal.map((x) => x.target))];
  const methods = [...new Set(r.nominal.map((x) => x.method))];
  const cell = (m: string, t: number) =>
    r.nominal.find((x) => x.method === m && x.target === t);
  const { first, last } = r.weeks;
  return [
    `Weeks ${first}–${last} only (${int(r.seriesWeeks)} series-weeks), nominal targets. The selection rule, fixed beforehand: the smallest worst gap |achieved − target| over the three targets.\n\n` +
      table(
        [
          'forecaster',
          ...targets.map((t) => pct(t, 0)),
          'worst gap (pp)',
          `avg on hand at ${targets.map((t) => pct(t, 0)).join(' / ')}`,
          `fill rate week ${first} / rest at ${targets.map((t) => pct(t, 0)).join(' / ')}`,
        ],
        methods.map((m) => {
          const cells = targets.map((t) => cell(m, t));
          const gap = Math.max(
            ...cells.map((c, i) =>
              c ? Math.abs(c.fillRate - targets[i]) : NaN,
            ),
          );
          return [
            m,
            ...cells.map((c) => pct(c?.fillRate)),
            fixed(100 * gap, 1),
            cells.map((c) => int(c?.averageOnHand)).join(' / '),
            cells.every((c) => c?.split)
              ? cells
                  .map(
                    (c) => `${pct(c?.split?.first)} / ${pct(c?.split?.rest)}`,
                  )
                  .join(', ')
              : '',
          ];
        }),
        ['l', ...targets.map(() => 'r' as const), 'r', 'r', 'r'],
      ),
  ];
}

interface LeaveOneOut {
  name: string;
  hitRate: number;
  mrr: number;
  basketHitRate: number;
  basketMrr: number;
}

export interface AffinityResult {
  groceries: {
    baskets: number;
    items: number;
    aprioriRules: number;
    expectedRules: number;
    gridSize: number;
    results: Record<
      'itemCf' | 'symmetricCf' | 'popularity' | 'rules' | 'ease',
      LeaveOneOut
    >;
    ratio: number;
    ratioInterval95: [number, number];
    diagnostics: {
      heldOutInTop10Share: number;
      bySize: {
        sizes: string;
        cases: number;
        popularityHitRate: number;
        itemCfHitRate: number;
      }[];
    };
  };
  coldStart: {
    cutoff: number;
    lastWeek: number;
    methods: { name: string; meanMase: number; medianMase: number }[];
  };
  scale: {
    baskets: number;
    items: number;
    basketItems: number;
    pairs: number;
    countMs: number;
    sparseMs: number;
    csrBytes: number;
    denseBytes: number;
    baselineItems: number;
    denseMs: number;
    sparseSubsetMs: number;
  };
}

export function affinityTables(r: AffinityResult): string[] {
  const g = r.groceries;
  const { itemCf, symmetricCf, popularity, rules, ease } = g.results;
  const models = [itemCf, symmetricCf, popularity, rules, ease];
  const ranking = (perBasket: boolean): string =>
    table(
      ['model', 'hit rate@10', 'MRR', 'vs popularity'],
      models.map((m) => {
        const hit = perBasket ? m.basketHitRate : m.hitRate;
        const base = perBasket ? popularity.basketHitRate : popularity.hitRate;
        return [
          m.name,
          pct(hit, 2),
          fixed(perBasket ? m.basketMrr : m.mrr, 4),
          times(hit / base, 2),
        ];
      }),
      ['l', 'r', 'r', 'r'],
    );
  const cold = r.coldStart;
  const category = cold.methods[cold.methods.length - 1];
  const s = r.scale;
  return [
    `**Groceries** (${int(g.baskets)} baskets, ${int(g.items)} items), leave one item out of every 5th basket; item-CF chosen among ${int(g.gridSize)} settings on a validation fold of the training baskets.\n\n` +
      ranking(false),
    `Item-CF / popularity: ${times(g.ratio)} (95% paired bootstrap interval ${times(g.ratioInterval95[0])}–${times(g.ratioInterval95[1])}; target 1.3×: ${g.ratio >= 1.3 ? 'met' : 'missed'}). Apriori at support 0.006, confidence 0.25: ${int(g.aprioriRules)} rules (expected ${int(g.expectedRules)}).`,
    '**Each test basket weighing once** (the expected value of hiding one random item per basket):\n\n' +
      ranking(true),
    `**By test-basket size** (${pct(g.diagnostics.heldOutInTop10Share)} of the held-out items are among the 10 most popular training items):\n\n` +
      table(
        [
          'basket size',
          'cases',
          'popularity hit@10',
          'item-CF hit@10',
          'ratio',
        ],
        g.diagnostics.bySize.map((b) => [
          b.sizes,
          int(b.cases),
          pct(b.popularityHitRate, 2),
          pct(b.itemCfHitRate, 2),
          times(b.itemCfHitRate / b.popularityHitRate, 2),
        ]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    `**Cold start** on Dominick's OJ: history before week ${cold.cutoff} hidden, weeks ${cold.cutoff}–${cold.lastWeek} forecast as a flat level.\n\n` +
      table(
        ['method', 'mean MASE', 'median MASE', 'vs category average'],
        cold.methods.map((m) => [
          m.name,
          fixed(m.meanMase, 3),
          fixed(m.medianMase, 3),
          times(m.meanMase / category.meanMase, 2),
        ]),
        ['l', 'r', 'r', 'r'],
      ),
    `**Scale**: ${int(s.baskets)} synthetic Zipf baskets over ${int(s.items)} items (${int(s.basketItems)} basket lines).\n\n` +
      table(
        ['measure', 'result'],
        [
          ['sparse co-occurrence count', `${fixed(s.countMs / 1000, 1)} s`],
          [
            'count + top-20 neighbour lists',
            `${fixed(s.sparseMs / 1000, 1)} s`,
          ],
          [
            'distinct pairs (CSR size)',
            `${int(s.pairs)} (${bytes(s.csrBytes)})`,
          ],
          ['a dense item × item matrix would need', bytes(s.denseBytes)],
          [
            `dense count on the ${int(s.baselineItems)} most frequent items (baseline)`,
            `${int(s.denseMs)} ms`,
          ],
          ['sparse count on the same subset', `${int(s.sparseSubsetMs)} ms`],
        ],
        ['l', 'r'],
      ),
  ];
}
