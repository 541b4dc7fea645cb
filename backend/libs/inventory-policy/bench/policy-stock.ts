// bench:policy's stock comparisons: (3) each policy calibrated on the whole window and its average
// stock against seasonal naive's at the same fill rate (the published `targets`), and the
// transfer's development run's stock at 90% per candidate (its selection rule's condition).
import {
  Calibration,
  calibrateServiceLevel,
  Forecaster,
  SeriesHistory,
} from '../src';
import { INTERPOLATE } from './replay-methods';
import {
  FIRST_WEEK,
  FULL,
  LAST_WEEK,
  methods,
  pct,
  row,
  SEARCH,
  summary,
  TARGETS,
  TRANSFER_DEV,
  units,
  withReading,
} from './policy-settings';

export interface StockComparisons {
  readonly matched: unknown[];
  readonly targets: unknown[];
  readonly devStock: unknown[];
}

/** Prints and returns the stock comparisons; `forecasters[i]` are methods[i]'s per series. */
export function stockComparisons(
  series: readonly SeriesHistory[],
  forecasters: readonly (readonly Forecaster[])[],
): StockComparisons {
  if (!TRANSFER_DEV) {
    console.log(
      `\n(3) Same achieved fill rate: each policy calibrated on weeks ${FIRST_WEEK}..${LAST_WEEK - 1}, average stock compared\n`,
    );
    row([
      'achieved fill rate',
      'ours: parameter',
      'ours: avg on hand',
      'naive: parameter',
      'naive: avg on hand',
      'stock vs naive',
    ]);
    row(['---', '---', '---', '---', '---', '---']);
  }
  const matched: unknown[] = [];
  const targets: unknown[] = [];
  // The transfer's development run does not need it (its rule reads the transfer only).
  for (const target of TRANSFER_DEV ? [] : TARGETS) {
    const [ours, naive]: Calibration[] = [0, methods.length - 1].map((mi) =>
      calibrateServiceLevel(
        series,
        forecasters[mi],
        { kind: 'fill-rate', level: target },
        withReading(methods[mi], FULL),
        { ...SEARCH, interpolate: INTERPOLATE },
      ),
    );
    const comparable = ours.reached && naive.reached;
    targets.push({
      target,
      achieved: ours.result.fillRate,
      avgOnHand: ours.result.averageOnHand,
      naiveAvgOnHandAtSameFill: comparable ? naive.result.averageOnHand : null,
      naiveAchieved: naive.result.fillRate,
    });
    const reduction =
      1 - ours.result.averageOnHand / naive.result.averageOnHand;
    matched.push({
      target,
      ours: {
        parameter: ours.nominal,
        reached: ours.reached,
        ...summary(ours.result),
      },
      naive: {
        parameter: naive.nominal,
        reached: naive.reached,
        ...summary(naive.result),
      },
      stockReduction: comparable ? reduction : null,
    });
    const show = (c: Calibration): string =>
      c.reached
        ? pct(c.nominal, 2)
        : `${pct(c.nominal, 2)}: reaches only ${pct(c.result.fillRate)}`;
    row([
      `${pct(target, 0)} (ours ${pct(ours.result.fillRate, 2)}, naive ${pct(naive.result.fillRate, 2)})`,
      show(ours),
      units(ours.result.averageOnHand),
      show(naive),
      units(naive.result.averageOnHand),
      comparable ? `${pct(-reduction)}` : 'not comparable',
    ]);
  }

  // The transfer's development run: each candidate's stock at 90% on its weeks against seasonal
  // naive at the same fill rate (the selection rule's stock condition).
  const devStock: unknown[] = [];
  if (TRANSFER_DEV && TARGETS.includes(0.9)) {
    const target = { kind: 'fill-rate', level: 0.9 } as const;
    const at90 = (mi: number): Calibration =>
      calibrateServiceLevel(
        series,
        forecasters[mi],
        target,
        withReading(methods[mi], FULL),
        { ...SEARCH, interpolate: true },
      );
    const naive = at90(methods.length - 1);
    console.log(
      `\n(3) Stock at 90% on weeks ${FIRST_WEEK}..${LAST_WEEK - 1} (parameter searched there), naive ${units(naive.result.averageOnHand)} at ${pct(naive.result.fillRate, 2)}${naive.reached ? '' : ' (does not reach 90%)'}\n`,
    );
    methods.slice(0, -1).forEach((m, mi) => {
      const c = at90(mi);
      const reduction = 1 - c.result.averageOnHand / naive.result.averageOnHand;
      devStock.push({
        method: m.name,
        target: 0.9,
        achieved: c.result.fillRate,
        reached: c.reached,
        avgOnHand: c.result.averageOnHand,
        naiveAvgOnHand: naive.result.averageOnHand,
        naiveAchieved: naive.result.fillRate,
        naiveReached: naive.reached,
        stockReduction: reduction,
      });
      console.log(
        `  ${m.name}: ${units(c.result.averageOnHand)} at ${pct(c.result.fillRate, 2)} (${pct(-reduction)} vs naive)`,
      );
    });
  }

  return { matched, targets, devStock };
}
