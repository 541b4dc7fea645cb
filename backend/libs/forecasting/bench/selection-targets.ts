/**
 * The accuracy targets per dataset (selected forecast vs the strongest peer and vs its own best
 * member) and, on the development split, the selection scored at several margins so the default
 * margin can be chosen without the test windows.
 */
import {
  forecastFromArtifacts,
  type ModelName,
  type PanelResult,
} from '../src';
import {
  globalWinners,
  guardedChoice,
  type SeriesEvidence,
} from '../src/lib/panel/guarded-selection';
import { selectModel } from '../src/lib/panel/select';
import type { BenchDataset } from './data';
import { scoreRows } from './evaluate';
import type { Row } from './report';

const best = (rows: Row[]): Row | undefined =>
  rows
    .filter((r) => Number.isFinite(r.mase))
    .reduce<
      Row | undefined
    >((b, r) => (!b || r.mase < b.mase ? r : b), undefined);

/**
 * `ours`: the selected row first, then one row per member (evaluateOurs); `others`: peers and
 * anchors. bestPeer is the strongest of the others (Python peers, R anchors, seasonal naive).
 */
export function selectionTargets(
  ours: Row[],
  others: Row[],
): Record<string, unknown> {
  const selected = ours[0];
  const member = best(ours.slice(1));
  const peer = best(others);
  const anchor = best(others.filter((r) => r.model.startsWith('anchor:')));
  const sel = selected.mase;
  return {
    selectedMase: sel,
    bestPeer: peer?.model ?? null,
    bestPeerMase: peer?.mase ?? null,
    bestMember: member?.model ?? null,
    bestMemberMase: member?.mase ?? null,
    belowBestPeerBy: peer ? 1 - sel / peer.mase : null,
    atOrBelowBestPeer: peer ? sel <= peer.mase : null,
    atOrBelowBestMember: member ? sel <= member.mase : null,
    bestAnchor: anchor?.model ?? null,
    bestAnchorMase: anchor?.mase ?? null,
    improvement: anchor ? 1 - sel / anchor.mase : null,
    met: anchor ? sel <= 0.9 * anchor.mase : null,
  };
}

export const SWEEP_MARGINS = [0, 0.05, 0.1, 0.2, 0.3, 0.5, Infinity];

/** Scores the selection re-made at each margin from the run's own backtest summaries. */
export async function sweepMargins(
  ds: BenchDataset,
  result: PanelResult,
  log: (m: string) => void,
): Promise<
  {
    margin: number | 'Infinity';
    mase: number;
    models: Record<string, number>;
  }[]
> {
  const evidence = new Map<string, SeriesEvidence>();
  const own = new Map<string, ModelName | undefined>();
  for (const s of result.series) {
    if (Object.keys(s.backtest).length === 0) continue;
    evidence.set(s.id, { kind: s.kind, summary: s.backtest });
    const scores = new Map(
      Object.entries(s.backtest).map(([m, v]) => [m as ModelName, [v]]),
    );
    own.set(s.id, selectModel(scores, 'mase').model);
  }
  const winners = globalWinners([...evidence.values()], 'mase');
  const out = [];
  for (const margin of SWEEP_MARGINS) {
    const selection: Record<string, ModelName> = {};
    const models: Record<string, number> = {};
    for (const s of result.series) {
      const e = evidence.get(s.id);
      const m =
        (e &&
          guardedChoice(
            e,
            own.get(s.id),
            winners.get(s.kind),
            'mase',
            margin,
          )) ||
        s.model;
      selection[s.id] = m;
      models[m] = (models[m] ?? 0) + 1;
    }
    const r = await forecastFromArtifacts(ds.panel, {
      ...result.artifacts,
      selection,
    });
    const row = scoreRows(
      ds,
      `margin ${margin}`,
      new Map(r.series.map((x) => [x.id, x.forecast])),
      0,
    );
    log(
      `${ds.name}: selection margin ${margin}: MASE ${row.mase.toFixed(4)} ${JSON.stringify(models)}`,
    );
    out.push({
      margin: Number.isFinite(margin) ? margin : ('Infinity' as const),
      mase: row.mase,
      models,
    });
  }
  return out;
}
