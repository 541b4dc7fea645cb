import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  assertStoreInScope,
  type StoreScope,
  storeScopeSql,
} from '../common/identity/store-scope';
import { isoDay, type SqlNumeric, sqlQuery } from '../database/raw-sql';
import type {
  PolicyProofView,
  RecommendationProofView,
  ProofGroupView,
  ProofLineView,
  ProofQueryDto,
  ProofSideView,
} from './dto/policy-proof.dto';
import { PolicyProof } from './entities/policy-proof.entity';
import { PolicyProofException } from './policy-proof.exception';

interface LineRow {
  recommendation_id: SqlNumeric | null;
  service_level: SqlNumeric | null;
  store: string;
  sku: string;
  category_path: string | null;
  period_unit: string;
  periods: SqlNumeric;
  demand: SqlNumeric;
  skip_reason: string | null;
  served_fill_rate: SqlNumeric | null;
  served_avg_on_hand: SqlNumeric | null;
  served_stockout_days: SqlNumeric | null;
  served_lost_units: SqlNumeric | null;
  naive_fill_rate: SqlNumeric | null;
  naive_avg_on_hand: SqlNumeric | null;
  naive_stockout_days: SqlNumeric | null;
  naive_lost_units: SqlNumeric | null;
}

/** Stated with every proof: where the data is silent, this is what the replay assumes. */
export const PROOF_ASSUMPTIONS = [
  'Demand is the recorded sales; on days the shelf was empty the true demand was at least that (censored), so lost units are a lower bound.',
  'The replay starts from the recorded stock at the end of the day before its first day; lines without a stock snapshot by then are skipped (no-stock-history).',
  'The served side reads the champion’s backtest forecast from its last backtest origin (P10/P50/P90): the replay covers at most that window within the asked weeks.',
  'The seasonal-naive side forecasts at each decision from the sales recorded before it; both sides order with the same policy, lead time rounded to whole periods, open orders at the start not counted.',
];

/** The store-scoped result of a proof: totals, per store, per category and per line. */
@Injectable()
export class PolicyProofViews {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async view(
    query: ProofQueryDto,
    scope: StoreScope,
  ): Promise<PolicyProofView> {
    const { proof, lines } = await this.linesOf(query, scope);
    const limit = query.limit ?? 200;
    const offset = query.offset ?? 0;
    return {
      id: proof.id,
      status: proof.status,
      trigger: proof.trigger,
      runId: proof.runId,
      weeks: proof.weeks,
      from: proof.fromDate ? isoDay(proof.fromDate) : null,
      to: proof.toDate ? isoDay(proof.toDate) : null,
      lines: lines.length,
      skipped: lines.filter((l) => l.skipReason !== null).length,
      durationMs: proof.durationMs,
      error: proof.error,
      startedAt: new Date(proof.startedAt).toISOString(),
      finishedAt: proof.finishedAt
        ? new Date(proof.finishedAt).toISOString()
        : null,
      assumptions: PROOF_ASSUMPTIONS,
      total: group('all', lines),
      byStore: groups(lines, (l) => l.store),
      byCategory: groups(lines, (l) => l.category),
      page: {
        total: lines.length,
        limit,
        offset,
        items: lines.slice(offset, offset + limit),
      },
    };
  }

  /**
   * One recommendation line's result in the latest finished proof that covered it. The line's
   * store must be in the reader's scope (403); 404 while no proof covered it.
   */
  async forRecommendation(
    recommendationId: number,
    scope: StoreScope,
  ): Promise<RecommendationProofView> {
    const [rec] = await sqlQuery<{ store_id: SqlNumeric }>(
      this.dataSource,
      'SELECT store_id FROM recommendations WHERE id = ?',
      [recommendationId],
    );
    if (!rec)
      throw new PolicyProofException(
        'not_found',
        `Recommendation ${recommendationId} not found`,
      );
    assertStoreInScope(scope, Number(rec.store_id));
    const [hit] = await sqlQuery<{ proof_id: SqlNumeric }>(
      this.dataSource,
      `SELECT MAX(l.proof_id) AS proof_id FROM policy_proof_lines l
         JOIN policy_proofs p ON p.id = l.proof_id
        WHERE l.recommendation_id = ? AND p.status = 'done'`,
      [recommendationId],
    );
    if (hit?.proof_id === null || hit?.proof_id === undefined)
      throw new PolicyProofException(
        'not_found',
        'No policy proof covered this recommendation yet',
      );
    const { proof, lines } = await this.linesOf(
      { proofId: Number(hit.proof_id) },
      scope,
    );
    const line = lines.find((l) => l.recommendationId === recommendationId);
    if (!line)
      throw new PolicyProofException(
        'not_found',
        'No policy proof covered this recommendation yet',
      );
    return {
      proofId: proof.id,
      recommendationId,
      weeks: proof.weeks,
      from: proof.fromDate ? isoDay(proof.fromDate) : null,
      to: proof.toDate ? isoDay(proof.toDate) : null,
      periodUnit: line.periodUnit,
      periods: line.periods,
      target: line.target,
      skipReason: line.skipReason,
      served: line.served,
      naive: line.naive,
    };
  }

  /** The proof and its store-scoped lines (latest finished proof unless `proofId`). */
  async linesOf(
    query: ProofQueryDto,
    scope: StoreScope,
  ): Promise<{ proof: PolicyProof; lines: ProofLineView[] }> {
    const proofs = this.dataSource.getRepository(PolicyProof);
    const proof = query.proofId
      ? await proofs.findOneBy({ id: query.proofId })
      : await proofs.findOne({
          where: { status: 'done' },
          order: { id: 'DESC' },
        });
    if (!proof)
      throw new PolicyProofException('not_found', 'No policy proof yet');
    const rows = await sqlQuery<LineRow>(
      this.dataSource,
      `SELECT l.recommendation_id, r.service_level, s.code AS store, p.sku, p.category_path, l.period_unit, l.periods,
              l.demand, l.skip_reason, l.served_fill_rate, l.served_avg_on_hand,
              l.served_stockout_days, l.served_lost_units, l.naive_fill_rate, l.naive_avg_on_hand,
              l.naive_stockout_days, l.naive_lost_units
         FROM policy_proof_lines l
         JOIN stores s ON s.id = l.store_id JOIN products p ON p.id = l.product_id
         LEFT JOIN recommendations r ON r.id = l.recommendation_id
        WHERE l.proof_id = ? AND ${storeScopeSql('l.store_id', scope)}
        ORDER BY s.code, p.sku`,
      [proof.id],
    );
    return { proof, lines: rows.map(lineView) };
  }
}

const num = (v: SqlNumeric | null): number | null =>
  v === null ? null : Number(v);

function lineView(r: LineRow): ProofLineView {
  const side = (
    fill: SqlNumeric | null,
    onHand: SqlNumeric | null,
    days: SqlNumeric | null,
    lost: SqlNumeric | null,
  ): ProofSideView | null =>
    fill === null
      ? null
      : {
          fillRate: Number(fill),
          avgOnHand: Number(onHand ?? 0),
          stockOutDays: Number(days ?? 0),
          lostUnits: Number(lost ?? 0),
        };
  return {
    recommendationId: num(r.recommendation_id),
    store: r.store,
    sku: r.sku,
    // The top level of the category path, as the dashboard's category filters use it.
    category: (r.category_path ?? '').split('/')[0] || 'uncategorized',
    periodUnit: r.period_unit,
    target: num(r.service_level),
    periods: Number(r.periods),
    demand: Number(r.demand),
    skipReason: r.skip_reason,
    served: side(
      r.served_fill_rate,
      r.served_avg_on_hand,
      r.served_stockout_days,
      r.served_lost_units,
    ),
    naive: side(
      r.naive_fill_rate,
      r.naive_avg_on_hand,
      r.naive_stockout_days,
      r.naive_lost_units,
    ),
  };
}

/** Sums over the replayed lines: fill rate is 1 − lost / demand, stock is the sum of averages. */
function group(key: string, lines: readonly ProofLineView[]): ProofGroupView {
  const replayed = lines.filter((l) => l.served && l.naive);
  const demand = replayed.reduce((s, l) => s + l.demand, 0);
  const sum = (pick: (l: ProofLineView) => ProofSideView | null) => {
    let avgOnHand = 0;
    let stockOutDays = 0;
    let lostUnits = 0;
    for (const l of replayed) {
      const s = pick(l);
      if (!s) continue;
      avgOnHand += s.avgOnHand;
      stockOutDays += s.stockOutDays;
      lostUnits += s.lostUnits;
    }
    return {
      fillRate: demand > 0 ? 1 - lostUnits / demand : null,
      avgOnHand,
      stockOutDays,
      lostUnits,
    };
  };
  // The target of a group: the lines' fill-rate targets weighted by their demand.
  const targeted = replayed.filter((l) => l.target !== null);
  const weight = targeted.reduce((s, l) => s + l.demand, 0);
  const target = !targeted.length
    ? null
    : weight > 0
      ? targeted.reduce((s, l) => s + (l.target ?? 0) * l.demand, 0) / weight
      : targeted.reduce((s, l) => s + (l.target ?? 0), 0) / targeted.length;
  return {
    key,
    lines: replayed.length,
    demand,
    target,
    served: sum((l) => l.served),
    naive: sum((l) => l.naive),
  };
}

export function groups(
  lines: readonly ProofLineView[],
  keyOf: (l: ProofLineView) => string,
): ProofGroupView[] {
  const by = new Map<string, ProofLineView[]>();
  for (const l of lines) {
    const k = keyOf(l);
    const list = by.get(k);
    if (list) list.push(l);
    else by.set(k, [l]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, list]) => group(k, list));
}
