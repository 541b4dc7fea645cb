import {
  abcClasses,
  type AbcClass,
  recommendOrder,
  xyzClass,
} from '@shelfcast/inventory-policy';
import type { DataSource } from 'typeorm';
import type { RecommendationsConfig } from '../config/recommendations-config';
import type { DatabaseConfig } from '../config/app-config';
import type {
  BulkColumn,
  BulkTransaction,
  BulkValue,
} from '../imports/bulk/bulk-writer';
import { PostgresBulkTransaction } from '../imports/bulk/postgres-bulk-transaction';
import { SqliteBulkTransaction } from '../imports/bulk/sqlite-bulk-transaction';
import { serializeWrites } from '../training/engine/shard-db';
import {
  dailyDemand,
  groupBy,
  storeInputs,
} from './recommendation-store-inputs';
import {
  openOrdersOf,
  periodDays,
  query,
  seriesForecast,
} from './series-inputs';
import { yieldToLoop } from '../common/yield-to-loop';

/** Columns written per line (generated_at and status are set by the merge). */
const COLUMNS: readonly BulkColumn[] = [
  { name: 'run_id', type: 'text' },
  { name: 'store_id', type: 'int' },
  { name: 'product_id', type: 'int' },
  { name: 'supplier_id', type: 'int' },
  { name: 'as_of', type: 'date' },
  { name: 'recommended_qty', type: 'float' },
  { name: 'final_qty', type: 'float' },
  { name: 'cases', type: 'int' },
  { name: 'case_pack', type: 'int' },
  { name: 'moq', type: 'int' },
  { name: 'safety_stock', type: 'float' },
  { name: 'reorder_point', type: 'float' },
  { name: 'order_up_to', type: 'float' },
  { name: 'inventory_position', type: 'float' },
  { name: 'on_hand', type: 'float' },
  { name: 'inbound', type: 'float' },
  { name: 'demand_mean', type: 'float' },
  { name: 'demand_sd', type: 'float' },
  { name: 'protection_periods', type: 'float' },
  { name: 'service_kind', type: 'text' },
  { name: 'service_level', type: 'float' },
  { name: 'abc', type: 'text' },
  { name: 'xyz', type: 'text' },
  { name: 'stockout_date_p50', type: 'date' },
  { name: 'stockout_date_p90', type: 'date' },
  { name: 'days_of_cover', type: 'float' },
  { name: 'excess_units', type: 'float' },
  { name: 'excess_value', type: 'float' },
  { name: 'expiry_risk', type: 'float' },
  { name: 'unit_cost', type: 'float' },
  { name: 'explanation', type: 'text' },
  { name: 'explanation_json', type: 'text' },
];

// Series read and computed between two yields to the event loop (a few ms of work).
const YIELD_EVERY = 25;

/** Columns a regeneration of the same run refreshes on lines still pending. */
const REFRESHED = COLUMNS.map((c) => c.name).filter(
  (c) => !['run_id', 'store_id', 'product_id'].includes(c),
);

export interface GenerationOutcome {
  lines: number;
  superseded: number;
  skipped: number;
}

interface ProductInfo {
  casePack: number;
  moq: number;
  shelfLifeDays: number | null;
  unitCost: number;
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
  for (const r of await query(
    ds,
    `SELECT p.id, p.case_pack, p.moq, p.shelf_life_days, p.unit_cost, p.supplier_id,
            su.lead_time_mean_days, su.lead_time_sd_days, su.review_period_days
       FROM products p LEFT JOIN suppliers su ON su.id = p.supplier_id`,
  )) {
    const hasSupplier = r['lead_time_mean_days'] !== null;
    products.set(Number(r['id']), {
      casePack: Math.max(1, Number(r['case_pack'] ?? 1)),
      moq: Number(r['moq'] ?? 0),
      shelfLifeDays:
        r['shelf_life_days'] === null ? null : Number(r['shelf_life_days']),
      unitCost: Number(r['unit_cost'] ?? 0),
      supplierId: r['supplier_id'] === null ? null : Number(r['supplier_id']),
      leadTime: hasSupplier
        ? Number(r['lead_time_mean_days'])
        : config.defaultLeadTimeDays,
      leadTimeSd: hasSupplier ? Number(r['lead_time_sd_days'] ?? 0) : 0,
      review: hasSupplier
        ? Number(r['review_period_days'] ?? 7)
        : config.defaultReviewPeriodDays,
    });
  }
  const stores = (
    await query(
      ds,
      'SELECT DISTINCT store_id FROM forecast_values WHERE run_id = ? ORDER BY store_id',
      [runId],
    )
  ).map((r) => Number(r['store_id']));
  const lines: BulkValue[][] = [];
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
        await query(
          ds,
          `SELECT product_id, date, p10, p50, p90 FROM forecast_values
            WHERE run_id = ? AND store_id = ? AND product_id BETWEEN ? AND ? ORDER BY product_id, date`,
          [runId, storeId, ...range],
        ),
      );
      const demand = await dailyDemand(ds, storeId, range, store.window);
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
        const rec = recommendOrder({
          forecast: { levels: [0.1, 0.5, 0.9], values: [f.p10, f.p50, f.p90] },
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
          shelfLife:
            product.shelfLifeDays === null
              ? undefined
              : product.shelfLifeDays / period.days,
          periodUnit: period.unit,
          asOf,
        });
        const b = rec.breakdown;
        lines.push([
          runId,
          storeId,
          productId,
          product.supplierId,
          asOf,
          rec.orderQuantity,
          rec.orderQuantity,
          b.cases,
          b.casePack,
          b.moq,
          b.safetyStock,
          b.reorderPoint,
          b.orderUpTo,
          b.inventoryPosition,
          b.onHand,
          b.inbound,
          b.demandMean,
          b.demandSd,
          b.protectionPeriods,
          config.serviceKind,
          level,
          cls,
          xyz,
          b.stockOutDate,
          b.pessimisticStockOutDate,
          b.coverPeriods === null ? null : b.coverPeriods * period.days,
          b.excessStock,
          b.excessStock * product.unitCost,
          b.expiryRisk,
          product.unitCost,
          rec.explanation,
          JSON.stringify(b),
        ]);
      }
      await yieldToLoop();
    }
    log(
      `recommendations for run ${runId}: store ${storeId} done (${lines.length} lines so far, ${Date.now() - started} ms)`,
    );
  }

  const generatedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const [pending] = await query(
    ds,
    "SELECT COUNT(*) AS n FROM recommendations WHERE status = 'pending' AND run_id <> ?",
    [runId],
  );
  const superseded = Number(pending?.['n'] ?? 0);
  // Store by store, each store's new lines and the supersession of its older pending lines in one
  // short transaction, with a yield between stores: the whole run's merge in one transaction
  // was one ~170 ms synchronous statement on the API's thread. (A yield inside a transaction is
  // not an option on SQLite: another write from this thread would wait in the driver's
  // synchronous busy handler for the lock its own thread holds.) Each store switches at once.
  const write = (batch: BulkValue[][], store: number | null) =>
    serializeWrites(() =>
      writeLines(ds, database, runId, generatedAt, batch, store),
    );
  for (const storeLines of byStore(lines)) {
    await write(storeLines, Number(storeLines[0][1]));
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
  lines: BulkValue[][],
  store: number | null,
): Promise<void> {
  const tx = await begin(ds, database);
  try {
    const pg = tx.dialect === 'postgres';
    const ts = pg ? `TIMESTAMP '${generatedAt}'` : `'${generatedAt}'`;
    const runLiteral = `'${runId.replace(/'/g, "''")}'`;
    const cols = COLUMNS.map((c) => c.name).join(', ');
    if (lines.length) {
      const sink = await tx.openSink({
        table: 'recommendations',
        columns: COLUMNS,
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
      for (const line of lines) await sink.write(line);
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
function byStore(lines: BulkValue[][]): BulkValue[][][] {
  const out: BulkValue[][][] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last[0][1] === line[1]) last.push(line);
    else out.push([line]);
  }
  return out;
}

function begin(ds: DataSource, db: DatabaseConfig): Promise<BulkTransaction> {
  if (db.type === 'postgres')
    return PostgresBulkTransaction.begin(ds.createQueryRunner());
  return Promise.resolve(new SqliteBulkTransaction(db.path));
}
