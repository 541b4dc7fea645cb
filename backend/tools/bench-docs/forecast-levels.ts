import { fixed, int, pct, table } from './markdown';

/** What bench:hierarchy writes: per dataset, MASE of each method at each level on the test origins. */
export interface HierarchyResult {
  /** How the one default for every dataset was chosen (absent in older results). */
  defaultRule?: string;
  /** Per method, on the development origins of all datasets. */
  development?: {
    key: string;
    passes: number;
    meanRatio: number;
    worst: number;
  }[];
  datasets: Record<
    string,
    {
      default: string;
      levels: Record<string, Record<string, number>>;
      coverage: Record<string, Record<string, number>>;
      targets: {
        coherent: boolean;
        maxCoherenceError: number;
        ratioToBetterOfBaseAndBottomUp: Record<string, number>;
        withinOnePercentAtEveryLevel: boolean;
        averageGain: number;
        averageGainAtLeast3Percent: boolean;
      };
      split: {
        horizon: number;
        origins: number;
        dev: number;
        test: number;
        note: string;
      };
    }
  >;
}

/** One table per dataset: levels × methods, the default's column marked, then its targets. */
export function hierarchyTables(r: HierarchyResult): string[] {
  const rule =
    r.defaultRule && r.development
      ? [
          `Default rule: ${r.defaultRule}. Development origins, per method (datasets within 1% at every level; mean and worst ratio to the better of base and bottom-up):\n\n` +
            table(
              ['method', 'datasets passing', 'mean ratio', 'worst ratio'],
              r.development.map((d) => [
                d.key,
                int(d.passes),
                fixed(d.meanRatio, 3),
                fixed(d.worst, 3),
              ]),
              ['l', 'r', 'r', 'r'],
            ),
        ]
      : [];
  return rule.concat(
    Object.entries(r.datasets).map(([name, d]) => {
      const levels = Object.keys(d.levels);
      const methods = Object.keys(d.levels[levels[0]] ?? {});
      const t = d.targets;
      const ratios = levels
        .map((l) => `${l} ${fixed(t.ratioToBetterOfBaseAndBottomUp[l], 3)}`)
        .join(', ');
      return (
        `**${name}** (${d.split.note}; default chosen on ${d.split.dev} development origins: \`${d.default}\`; MASE on ${d.split.test} test origins)\n\n` +
        table(
          ['level', ...methods.map((m) => (m === d.default ? `**${m}**` : m))],
          levels.map((l) => [
            l,
            ...methods.map((m) => fixed(d.levels[l][m], 3)),
          ]),
          ['l', ...methods.map((): 'r' => 'r')],
        ) +
        `\n\nCoherent: ${t.coherent ? 'yes' : 'no'} (max error ${t.maxCoherenceError}). Default ÷ better of base and bottom-up, per level: ${ratios} — within 1% at every level: ${t.withinOnePercentAtEveryLevel ? 'met' : 'missed'}; average gain ${pct(t.averageGain)} (target ≥ 3%: ${t.averageGainAtLeast3Percent ? 'met' : 'missed'}).`
      );
    }),
  );
}

/** What bench:realized writes: one day of actuals for N series, imported then scored. */
export interface RealizedResult {
  series: number;
  day: string;
  importSeconds: number;
  scoreSeconds: number;
  pointsScored: number;
  freezeSeconds: number;
  frozenPointsPerRun: number;
  frozenBytesPerRow: number;
  storageGbPer10kSeriesYear: number;
}

/** The scoring cost beside the import of the same day, and the frozen forecasts' storage. */
export function realizedTables(r: RealizedResult): string[] {
  return [
    table(
      ['measure', 'value'],
      [
        ['series', int(r.series)],
        ['import of one day of sales', `${fixed(r.importSeconds, 2)} s`],
        [
          `scoring that day (${int(r.pointsScored)} issued points)`,
          `${fixed(r.scoreSeconds, 2)} s`,
        ],
        [
          `freezing one promoted run (${int(r.frozenPointsPerRun)} points)`,
          `${fixed(r.freezeSeconds, 2)} s`,
        ],
        ['frozen forecast row', `${fixed(r.frozenBytesPerRow, 1)} bytes`],
        [
          'storage per 10k series per year (nightly promotions)',
          `${fixed(r.storageGbPer10kSeriesYear, 1)} GB`,
        ],
      ],
      ['l', 'r'],
    ),
    `Target: scoring one day of actuals for 10k series in under 5 s — ${r.series >= 10000 && r.scoreSeconds < 5 ? 'met' : 'missed'}.`,
  ];
}
