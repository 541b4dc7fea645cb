import {
  abcClasses,
  type AbcClass,
  lostMargin,
  sizeLine,
  xyzClass,
} from '@shelfcast/inventory-policy';
import type { DataSource } from 'typeorm';
import type { RecommendationsConfig } from '../config/recommendations-config';
import type { DatabaseConfig } from '../config/app-config';
import { beginBulkTransaction } from '../database/bulk-transaction';
import { isoDay, type SqlNumeric, sqlQuery } from '../database/raw-sql';
import { serializeWrites } from '../database/write-gate';
import {
  type GeneratedLine,
  LINE_COLUMNS,
  linePositions,
} from './generated-line';
import {
  dailyDemand,
  groupBy,
  storeInputs,
} from './recommendation-store-inputs';
import {
  type ForecastValueRow,
  openOrdersOf,
  periodDays,
  seriesForecast,
} from './series-inputs';
import { yieldToLoop } from '../common/yield-to-loop';
import { promotionPrices } from './price-in-effect';

// Series read and computed between two yields to the event loop (a few ms of work).
const YIELD_EVERY = 25;

/** Columns a regeneration of the same run refreshes on lines still pending. */
const REFRESHED = LINE_COLUMNS.map((c) => c.name).filter(
  (c) => !['run_id', 'store_id', 'product_id'].includes(c),
);

export interface GenerationOutcome {
  lines: number;
  superseded: number;
  skipped: number;
}

interface ProductRow {
  id: number;
  case_pack: number | null;
  moq: number | null;
  shelf_life_days: number | null;
  unit_cost: number | null;
  regular_price: number | null;
  supplier_id: number | null;
  lead_time_mean_days: number | null;
  lead_time_sd_days: number | null;
  review_period_days: number | null;
}

interface ForecastStoreRow {
  store_id: number;
}

interface ProductValueRow extends ForecastValueRow {
  product_id: number;
}

interface CountRow {
  n: SqlNumeric;
}

interface ProductInfo {
  casePack: number;
  moq: number;
  shelfLifeDays: number | null;
  unitCost: number;
  unitPrice: number;
  supplierId: number | null;
  leadTime: number;
  leadTimeSd: number;
  review: number;
}

/**
 * Computes the lines of one run store by store and, within a store, in slices of products (reads
 * on the API's connection, one plain loop per series over typed arrays), then writes them store by
 * store, each in a bulk transaction that also supersedes that store's pending lines of older runs.
 */
export async function generateRecommendations(
  ds: DataSource,
  database: DatabaseConfig,
  config: RecommendationsConfig,
  runId: string,
  log: (message: string) => void,
): Promise<GenerationOutcome> {
  const started = Date.now();
  const products = new Map<number, ProductInfo>();
  for (const r of await sqlQuery<ProductRow>(
    ds,
    `SELECT p.id, p.case_pack, p.moq, p.shelf_life_days, p.unit_cost, p.regular_price, p.supplier_id,
            su.lead_time_mean_days, su.lead_time_sd_days, su.review_period_days
       FROM products p LEFT JOIN suppliers su ON su.id = p.supplier_id`,
  )) {
    const hasSupplier = r.lead_time_mean_days !== null;
    products.set(Number(r.id), {
      casePack: Math.max(1, Number(r.case_pack ?? 1)),
      moq: Number(r.moq ?? 0),
      shelfLifeDays:
        r.shelf_life_days === null ? null : Number(r.shelf_life_days),
      unitCost: Number(r.unit_cost ?? 0),
      unitPrice: Number(r.regular_price ?? 0),
      supplierId: r.supplier_id === null ? null : Number(r.supplier_id),
      leadTime: hasSupplier
        ? Number(r.lead_time_mean_days)
        : config.defaultLeadTimeDays,
      leadTimeSd: hasSupplier ? Number(r.lead_time_sd_days ?? 0) : 0,
      review: hasSupplier
        ? Number(r.review_period_days ?? 7)
        : config.defaultReviewPeriodDays,
    });
  }
  const stores = (
    await sqlQuery<ForecastStoreRow>(
      ds,
      'SELECT DISTINCT store_id FROM forecast_values WHERE run_id = ? ORDER BY store_id',
      [runId],
    )
  ).map((r) => Number(r.store_id));
  const lines: GeneratedLine[] = [];
  let skipped = 0;
  for (const storeId of stores) {
    const store = await storeInputs(ds, config, runId, storeId);
    const abc = abcClasses(
      store.productIds.map((p) => store.revenue.get(p) ?? 0),
    );
    const abcOf = new Map<number, AbcClass>(
      store.productIds.map((p, i) => [p, abc[i]]),
    );
    // This runs on the API's thread after a promotion: each slice of products reads its own rows
    // and computes them between two yields, so no read or loop holds the event loop for long.
    for (let i = 0; i < store.productIds.length; i += YIELD_EVERY) {
      const slice = store.productIds.slice(i, i + YIELD_EVERY);
      const range = [slice[0], slice[slice.length - 1]];
      const byProduct = groupBy(
        await sqlQuery<ProductValueRow>(
          ds,
          `SELECT product_id, date, p10, p50, p90, quantiles FROM forecast_values
            WHERE run_id = ? AND store_id = ? AND product_id BETWEEN ? AND ? ORDER BY product_id, date`,
          [runId, storeId, ...range],
        ),
      );
      const demand = await dailyDemand(ds, storeId, range, store.window);
      // Lost margin at the price in effect on the as-of day (a promotion's price while one runs).
      const promo = await promotionPrices(
        ds,
        storeId,
        new Map([...byProduct].map(([id, rows]) => [id, isoDay(rows[0].date)])),
      );
      for (const productId of slice) {
        const rows = byProduct.get(productId) ?? [];
        const product = products.get(productId);
        const period = periodDays(store.grains.get(productId) ?? 'day');
        if (!product || !period || rows.length === 0) {
          skipped++;
          continue;
        }
        const f = seriesForecast(rows, store.overrides.get(productId) ?? []);
        const asOf = f.dates[0];
        const cls = abcOf.get(productId) ?? 'C';
        const xyz = xyzClass(demand.get(productId) ?? new Float64Array(0));
        const level = config.serviceTargets[cls];
        // The served policy's decision (sizeLine): what the policy replay and proof re-play.
        const rec = sizeLine({
          forecast: f.served,
          onHand: store.onHand.get(productId) ?? 0,
          openOrders: openOrdersOf(
            store.orders.get(productId) ?? [],
            asOf,
            period.days,
          ),
          leadTime: product.leadTime / period.days,
          leadTimeSd: product.leadTimeSd / period.days,
          reviewPeriod: Math.max(1, product.review / period.days),
          service: { kind: config.serviceKind, level },
          casePack: product.casePack,
          moq: product.moq,
          unmetDemand: store.unmetDemand,
          shelfLife:
            product.shelfLifeDays === null
              ? undefined
              : product.shelfLifeDays / period.days,
          periodUnit: period.unit,
          asOf,
        });
        const b = rec.breakdown;
        lines.push({
          run_id: runId,
          store_id: storeId,
          product_id: productId,
          supplier_id: product.supplierId,
          as_of: asOf,
          recommended_qty: rec.orderQuantity,
          final_qty: rec.orderQuantity,
          cases: b.cases,
          case_pack: b.casePack,
          moq: b.moq,
          safety_stock: b.safetyStock,
          reorder_point: b.reorderPoint,
          order_up_to: b.orderUpTo,
          inventory_position: b.inventoryPosition,
          on_hand: b.onHand,
          inbound: b.inbound,
          demand_mean: b.demandMean,
          demand_sd: b.demandSd,
          protection_periods: b.protectionPeriods,
          service_kind: config.serviceKind,
          service_level: level,
          abc: cls,
          xyz,
          stockout_date_p50: b.stockOutDate,
          stockout_date_p90: b.pessimisticStockOutDate,
          days_of_cover:
            b.coverPeriods === null ? null : b.coverPeriods * period.days,
          excess_units: b.excessStock,
          excess_value: b.excessStock * product.unitCost,
          expiry_risk: b.expiryRisk,
          unit_cost: product.unitCost,
          expected_lost_units: b.expectedLostUnits,
          lost_margin: lostMargin(
            b.expectedLostUnits,
            promo.get(productId) ?? product.unitPrice,
            product.unitCost,
          ),
          stockout_risk: b.riskStockOutPeriod === null ? 0 : 1,
          risk_reason: b.riskReason,
          explanation: rec.explanation,
          explanation_json: JSON.stringify(b),
        });
      }
      await yieldToLoop();
    }
    log(
      `recommendations for run ${runId}: store ${storeId} done (${lines.length} lines so far, ${Date.now() - started} ms)`,
    );
  }

  const generatedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const [pending] = await sqlQuery<CountRow>(
    ds,
    "SELECT COUNT(*) AS n FROM recommendations WHERE status = 'pending' AND run_id <> ?",
    [runId],
  );
  const superseded = Number(pending?.n ?? 0);
  // Store by store, each store's new lines and the supersession of its older pending lines in one
  // short transaction, with a yield between stores: the whole run's merge in one transaction
  // was one ~170 ms synchronous statement on the API's thread. (A yield inside a transaction is
  // not an option on SQLite: another write from this thread would wait in the driver's
  // synchronous busy handler for the lock its own thread holds.) Each store switches at once.
  const write = (batch: GeneratedLine[], store: number | null) =>
    serializeWrites(() =>
      writeLines(ds, database, runId, generatedAt, batch, store),
    );
  for (const storeLines of byStore(lines)) {
    await write(storeLines, storeLines[0].store_id);
    await yieldToLoop();
  }
  // Pending lines of stores this run has no lines for are superseded too.
  await write([], null);
  log(
    `recommendations for run ${runId}: ${lines.length} lines written, ${skipped} series skipped, ${Date.now() - started} ms`,
  );
  return { lines: lines.length, superseded, skipped };
}

/** One transaction: the lines upserted, then older runs' pending lines superseded. */
async function writeLines(
  ds: DataSource,
  database: DatabaseConfig,
  runId: string,
  generatedAt: string,
  lines: GeneratedLine[],
  store: number | null,
): Promise<void> {
  const tx = await beginBulkTransaction(database, ds);
  try {
    const pg = tx.dialect === 'postgres';
    const ts = pg ? `TIMESTAMP '${generatedAt}'` : `'${generatedAt}'`;
    const runLiteral = `'${runId.replace(/'/g, "''")}'`;
    const cols = LINE_COLUMNS.map((c) => c.name).join(', ');
    if (lines.length) {
      const sink = await tx.openSink({
        table: 'recommendations',
        columns: LINE_COLUMNS,
        conflict: ['run_id', 'store_id', 'product_id'],
        update: REFRESHED,
        merge: (staging) => [
          `INSERT INTO recommendations (${cols}, generated_at, status)
             SELECT ${cols}, ${ts}, 'pending' FROM ${staging} WHERE true
           ON CONFLICT (run_id, store_id, product_id) DO UPDATE SET
             ${[...REFRESHED, 'generated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}
           WHERE recommendations.status = 'pending'`,
        ],
      });
      for (const line of lines) await sink.write(linePositions(line));
      await sink.close();
    }
    const superseding = await tx.openSink({
      table: 'recommendations',
      columns: [{ name: 'run_id', type: 'text' }],
      conflict: [],
      update: [],
      merge: () => [
        `UPDATE recommendations SET status = 'superseded'
          WHERE status = 'pending' AND run_id <> ${runLiteral}${store === null ? '' : ` AND store_id = ${Math.trunc(store)}`}`,
      ],
    });
    await superseding.close();
    await tx.commit();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}

/** Lines in runs of the same store (they are generated store by store). */
function byStore(lines: GeneratedLine[]): GeneratedLine[][] {
  const out: GeneratedLine[][] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last[0].store_id === line.store_id) last.push(line);
    else out.push([line]);
  }
  return out;
}
