import type { DataSource } from 'typeorm';
import type {
  ReportColumn,
  ReportRow,
} from '../../common/tabular/report-types';
import {
  categorySql,
  keysetPages,
  latestRecommendationRun,
  nextDay,
  num,
  type ReportContext,
  servingRun,
  sqlQuery,
  storeIdsSql,
} from './report-context';
import type { ReportDefinition } from './report-definition';

/** A row of the run lookup. */
interface RunIdRow {
  id: string;
}

/** A row of a run's per-series scores with its store and category (numbers may be text on PostgreSQL). */
interface SeriesScoreRow {
  store_id: number | string;
  product_id: number | string;
  model: string;
  wape: number | string | null;
  mase: number | string | null;
  bias: number | string | null;
  coverage: number | string | null;
  volume: number | string | null;
  store_code: string;
  store_name: string;
  region: string | null;
  category_path: string;
}

/** Running sums of one group: WAPE and bias weighted by backtest volume, MASE and coverage averaged. */
class Accumulator {
  series = 0;
  volume = 0;
  wape = 0;
  wapeWeight = 0;
  bias = 0;
  biasWeight = 0;
  mase = 0;
  maseCount = 0;
  coverage = 0;
  coverageCount = 0;

  add(r: {
    volume: number;
    wape: number | null;
    bias: number | null;
    mase: number | null;
    coverage: number | null;
  }): void {
    this.series++;
    this.volume += r.volume;
    if (r.wape !== null && r.volume > 0) {
      this.wape += r.wape * r.volume;
      this.wapeWeight += r.volume;
    }
    if (r.bias !== null && r.volume > 0) {
      this.bias += r.bias * r.volume;
      this.biasWeight += r.volume;
    }
    if (r.mase !== null) {
      this.mase += r.mase;
      this.maseCount++;
    }
    if (r.coverage !== null) {
      this.coverage += r.coverage;
      this.coverageCount++;
    }
  }

  row(label: readonly string[]): ReportRow {
    return [
      ...label,
      this.series,
      this.volume,
      this.wapeWeight ? this.wape / this.wapeWeight : null,
      this.maseCount ? this.mase / this.maseCount : null,
      this.biasWeight ? this.bias / this.biasWeight : null,
      this.coverageCount ? this.coverage / this.coverageCount : null,
    ];
  }
}

const METRIC_COLUMNS: ReportColumn[] = [
  { key: 'series', header: 'series', type: 'integer' },
  { key: 'volume', header: 'backtest_units', type: 'number', numFmt: '#,##0' },
  { key: 'wape', header: 'wape', type: 'number', numFmt: '0.0%' },
  { key: 'mase', header: 'mase', type: 'number', numFmt: '0.000' },
  { key: 'bias', header: 'bias', type: 'number', numFmt: '0.0%' },
  {
    key: 'coverage',
    header: 'p10_p90_coverage',
    type: 'number',
    numFmt: '0.0%',
  },
];

/** The run to score: the serving one, or the latest promoted run that finished within the dates. */
async function accuracyRun(ctx: ReportContext): Promise<string | null> {
  const { from, to } = ctx.filters;
  if (!from && !to) return servingRun(ctx.ds);
  const where: string[] = ["status = 'promoted'"];
  const params: unknown[] = [];
  if (from) {
    where.push('finished_at >= ?');
    params.push(from);
  }
  if (to) {
    where.push('finished_at < ?');
    params.push(nextDay(to));
  }
  const [r] = (await sqlQuery(
    ctx.ds,
    `SELECT id FROM forecast_runs WHERE ${where.join(' AND ')} ORDER BY finished_at DESC LIMIT 1`,
    params,
  )) as unknown as RunIdRow[];
  return r?.id ?? null;
}

/**
 * Per-series backtest metrics of a run, read by keyset and folded into the three groupings. The
 * store filter is the reader's stores for a store manager (resolved by the report service), so
 * their category and model figures are over their stores only.
 */
async function aggregate(ctx: ReportContext, ds: DataSource, runId: string) {
  const f = ctx.filters;
  const category = categorySql(f);
  const where = [
    'rs.run_id = ?',
    storeIdsSql('rs.store_id', f.storeIds),
    category.sql,
  ];
  const params: unknown[] = [runId, ...category.params];
  if (f.abc) {
    // ABC classes live on the latest generated recommendation lines.
    where.push(
      `EXISTS (SELECT 1 FROM recommendations r WHERE r.run_id = ? AND r.store_id = rs.store_id
         AND r.product_id = rs.product_id AND r.abc = ?)`,
    );
    params.push((await latestRecommendationRun(ctx.ds)) ?? '', f.abc);
  }
  const byStore = new Map<string, { label: string[]; acc: Accumulator }>();
  const byCategory = new Map<string, { label: string[]; acc: Accumulator }>();
  const byModel = new Map<string, { label: string[]; acc: Accumulator }>();
  const group = (
    map: Map<string, { label: string[]; acc: Accumulator }>,
    label: string[],
  ) => {
    const key = label.join('\u0000');
    let g = map.get(key);
    if (!g) map.set(key, (g = { label, acc: new Accumulator() }));
    return g.acc;
  };
  for await (const page of keysetPages(ctx.pageSize, (last) => {
    const after = last as unknown as SeriesScoreRow | null;
    return sqlQuery(
      ds,
      `SELECT rs.store_id, rs.product_id, rs.model, rs.wape, rs.mase, rs.bias, rs.coverage, rs.volume,
              s.code AS store_code, s.name AS store_name, s.region, p.category_path
         FROM forecast_run_series rs
         JOIN stores s ON s.id = rs.store_id
         JOIN products p ON p.id = rs.product_id
        WHERE ${where.join(' AND ')}${after ? ' AND (rs.store_id > ? OR (rs.store_id = ? AND rs.product_id > ?))' : ''}
        ORDER BY rs.store_id, rs.product_id LIMIT ${ctx.pageSize}`,
      after
        ? [...params, after.store_id, after.store_id, after.product_id]
        : params,
    );
  })) {
    for (const r of page as unknown as SeriesScoreRow[]) {
      const m = {
        volume: num(r.volume) ?? 0,
        wape: num(r.wape),
        bias: num(r.bias),
        mase: num(r.mase),
        coverage: num(r.coverage),
      };
      group(byStore, [
        String(r.store_code),
        String(r.store_name),
        String(r.region),
      ]).add(m);
      group(byCategory, [String(r.category_path).split('/')[0]]).add(m);
      group(byModel, [String(r.model)]).add(m);
    }
  }
  const rows = (map: Map<string, { label: string[]; acc: Accumulator }>) =>
    [...map.values()]
      .sort((a, b) => a.label.join('/').localeCompare(b.label.join('/')))
      .map((g) => g.acc.row(g.label));
  return {
    store: rows(byStore),
    category: rows(byCategory),
    model: rows(byModel),
  };
}

/** Backtest accuracy of the serving run per store, category (top level) and chosen model. */
export const ACCURACY_REPORT: ReportDefinition = {
  id: 'accuracy',
  title: 'Forecast accuracy',
  description:
    'Backtest WAPE, MASE, bias and P10–P90 coverage of the serving run per store, category and model (WAPE and bias weighted by backtest units, MASE and coverage averaged over series).',
  formats: ['csv', 'xlsx'],
  filters: ['from', 'to', 'stores', 'region', 'category', 'abc'],
  dateMeaning:
    'run finished (the latest promoted run in the range; default the serving run)',
  statuses: [],
  sections: [
    { id: 'stores', title: 'By store' },
    { id: 'categories', title: 'By category' },
    { id: 'models', title: 'By model' },
  ],
  async build(ctx) {
    // The groups are few (stores, categories, models): aggregated once, shared by the sections.
    let result: Promise<Awaited<ReturnType<typeof aggregate>> | null> | null =
      null;
    const data = () =>
      (result ??= accuracyRun(ctx).then((runId) =>
        runId ? aggregate(ctx, ctx.ds, runId) : null,
      ));
    const section = (
      id: string,
      title: string,
      label: ReportColumn[],
      pick: 'store' | 'category' | 'model',
    ) => ({
      id,
      title,
      columns: [...label, ...METRIC_COLUMNS],
      async *batches() {
        const d = await data();
        if (d && d[pick].length) yield d[pick];
      },
    });
    return [
      section(
        'stores',
        'By store',
        [
          { key: 'store', header: 'store_code', type: 'text' },
          { key: 'storeName', header: 'store_name', type: 'text', width: 24 },
          { key: 'region', header: 'region', type: 'text' },
        ],
        'store',
      ),
      section(
        'categories',
        'By category',
        [{ key: 'category', header: 'category', type: 'text', width: 24 }],
        'category',
      ),
      section(
        'models',
        'By model',
        [{ key: 'model', header: 'model', type: 'text', width: 16 }],
        'model',
      ),
    ];
  },
};
