import {
  categorySql,
  day,
  keysetPages,
  latestRecommendationRun,
  nextDay,
  type ReportContext,
  sqlQuery,
  storeIdsSql,
} from './report-context';
import type { ReportLineRow } from './line-columns';

/** A page's line with its order's keyset columns (k3 only for three-key orders). */
export interface KeyedLineRow extends ReportLineRow {
  k1: unknown;
  k2: unknown;
  k3?: unknown;
}

/** How a section orders its lines: an SQL key (unique with r.id) read by keyset. */
export type LineOrder = 'store-sku' | 'supplier' | 'stockout' | 'excess';

export interface LineQuery {
  order: LineOrder;
  /** Extra SQL condition on r/s/p/su. */
  where?: string;
  /** Which date column `from`/`to` filter (a date or a timestamp), or none. */
  dateColumn?: { sql: string; timestamp: boolean } | null;
}

const ORDERS: Record<
  LineOrder,
  { select: string; keys: string[]; dirs: ('>' | '<')[] }
> = {
  'store-sku': {
    select: 's.code AS k1, p.sku AS k2',
    keys: ['s.code', 'p.sku'],
    dirs: ['>', '>'],
  },
  supplier: {
    select: "COALESCE(su.code, '') AS k1, s.code AS k2, p.sku AS k3",
    keys: ["COALESCE(su.code, '')", 's.code', 'p.sku'],
    dirs: ['>', '>', '>'],
  },
  stockout: {
    select: 'r.stockout_date_p50 AS k1, s.code AS k2, p.sku AS k3',
    keys: ['r.stockout_date_p50', 's.code', 'p.sku'],
    dirs: ['>', '>', '>'],
  },
  excess: {
    select: 'r.excess_value AS k1, s.code AS k2, p.sku AS k3',
    keys: ['r.excess_value', 's.code', 'p.sku'],
    dirs: ['<', '>', '>'],
  },
};

/** `(a > ?) OR (a = ? AND (b > ? OR …))` for a keyset after the last row's keys. */
function after(
  keys: string[],
  dirs: ('>' | '<')[],
  last: KeyedLineRow,
): { sql: string; params: unknown[] } {
  // PostgreSQL returns date keys as Dates: compare them as yyyy-mm-dd again.
  const values = keys.map((_k, i) => {
    const v = last[`k${i + 1}` as 'k1' | 'k2' | 'k3'];
    return v instanceof Date ? day(v) : v;
  });
  const build = (i: number): { sql: string; params: unknown[] } => {
    if (i === keys.length - 1)
      return { sql: `${keys[i]} ${dirs[i]} ?`, params: [values[i]] };
    const inner = build(i + 1);
    return {
      sql: `(${keys[i]} ${dirs[i]} ? OR (${keys[i]} = ? AND ${inner.sql}))`,
      params: [values[i], values[i], ...inner.params],
    };
  };
  return build(0);
}

/** Recommendation lines of the latest generated run, filtered and scoped, in pages. */
export async function* recommendationLines(
  ctx: ReportContext,
  q: LineQuery,
): AsyncGenerator<KeyedLineRow[]> {
  const runId = await latestRecommendationRun(ctx.ds);
  if (!runId) return;
  const f = ctx.filters;
  const category = categorySql(f);
  const where = [
    'r.run_id = ?',
    storeIdsSql('r.store_id', f.storeIds),
    category.sql,
  ];
  const params: unknown[] = [runId, ...category.params];
  if (q.where) where.push(q.where);
  if (f.abc) {
    where.push('r.abc = ?');
    params.push(f.abc);
  }
  if (f.status) {
    where.push('r.status = ?');
    params.push(f.status);
  }
  if (q.dateColumn && f.from) {
    where.push(`${q.dateColumn.sql} >= ?`);
    params.push(f.from);
  }
  if (q.dateColumn && f.to) {
    // Timestamps: before the next day; dates: up to the day itself.
    where.push(`${q.dateColumn.sql} ${q.dateColumn.timestamp ? '<' : '<='} ?`);
    params.push(q.dateColumn.timestamp ? nextDay(f.to) : f.to);
  }
  const order = ORDERS[q.order];
  yield* keysetPages<KeyedLineRow>(ctx.pageSize, (last) => {
    const k = last ? after(order.keys, order.dirs, last) : null;
    return sqlQuery<KeyedLineRow>(
      ctx.ds,
      `SELECT r.*, ${order.select}, s.code AS store_code, s.name AS store_name, s.region, p.sku,
              p.name AS product_name, p.category_path, su.code AS supplier_code, su.name AS supplier_name
         FROM recommendations r
         JOIN stores s ON s.id = r.store_id
         JOIN products p ON p.id = r.product_id
         LEFT JOIN suppliers su ON su.id = r.supplier_id
        WHERE ${where.join(' AND ')}${k ? ` AND ${k.sql}` : ''}
        ORDER BY ${order.keys.map((key, i) => `${key} ${order.dirs[i] === '<' ? 'DESC' : 'ASC'}`).join(', ')}
        LIMIT ${ctx.pageSize}`,
      k ? [...params, ...k.params] : params,
    );
  });
}
