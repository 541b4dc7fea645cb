/**
 * The sections of docs/benchmarks.md: for each bench, what it measures, and which result files
 * (docs/bench-results/<file>.json) are rendered by which table builder.
 */
import {
  accuracyTables,
  type AccuracyResult,
  trainTables,
  type TrainResult,
} from './forecasting';
import {
  hierarchyTables,
  type HierarchyResult,
  realizedTables,
  type RealizedResult,
} from './forecast-levels';
import {
  affinityTables,
  type AffinityResult,
  policyDevTables,
  policyTables,
  type PolicyResult,
} from './decisions';
import {
  apiTables,
  type ApiResult,
  dashboardTables,
  type DashboardResult,
  exportTables,
  type ExportResult,
  importTables,
  type ImportResult,
} from './systems';
import { nightlyTables, type NightlyResult } from './nightly';

export interface ResultView {
  /** File name without .json, in bench-results/ and docs/bench-results/. */
  file: string;
  /** Sub-heading when a section shows more than one result. */
  title?: string;
  render: (result: never) => string[];
}

export interface Section {
  /** Key in bench-fields.json (its npm command reproduces the main result). */
  bench: string;
  title: string;
  intro: string;
  results: ResultView[];
}

const view = <T>(
  file: string,
  render: (r: T) => string[],
  title?: string,
): ResultView => ({
  file,
  title,
  render: render as (result: never) => string[],
});

export const SECTIONS: Section[] = [
  {
    bench: 'accuracy',
    title: 'Forecast accuracy',
    intro:
      "Our pipeline (`trainAndForecast`: backtest, selection shrunk towards the global winner, final forecast) against peers (global XGBoost and scikit-learn HistGradientBoosting, tuned on a validation window inside the training data; recipe and grids in [forecasting.md](forecasting.md)) and anchors on six real panels, each at its natural frequency and horizon with one frozen default configuration. dominicks_oj: 913 store × brand weekly series, weeks 149–160 held out, price, deal and feature as covariates. favorita_daily: 54 daily store series of transactions, the last 28 days held out, oil price, holidays, events and paydays as covariates. dominicks_tuna: 7 canned-tuna products (chain level, weekly), 12 weeks held out, price and display. dominicks_cheese: 88 retailer accounts of Borden sliced cheese (weekly, 52–68 weeks, no dates), 12 weeks held out, price and display. online_retail_daily: the UCI online-retail top-30 items (daily, intermittent, zero on days without a sale, a closed-day flag), 28 days held out. aus_retail_monthly: 152 ABS state × industry turnover series (monthly), 18 months held out. P10–P90 intervals are each model's own: the engine applies no interval calibration (a split-conformal candidate is described in [forecasting.md](forecasting.md); the product calibrates served quantiles separately). MASE uses the in-sample seasonal-naive scale; MASE, sMAPE and coverage are averaged per series, WAPE is pooled. Seconds: the whole pipeline for the selected and ensemble rows, the two trainings for neural and GBDT, a final fit and forecast for local models. The R anchors run in separate `Rscript` processes (`bench/anchors.R`, needs `r-base-core r-cran-forecast r-cran-prophet`) and are cached under `bench-results/anchors/`. TSPerf: the orange-juice protocol of Microsoft's forecasting benchmark (12 rounds, MAPE on units two and three weeks ahead).",
    results: [
      view<AccuracyResult>('accuracy', accuracyTables),
      view<AccuracyResult>('accuracy-anchors', accuracyTables, 'R anchors'),
      view<AccuracyResult>(
        'accuracy-tsperf',
        accuracyTables,
        'TSPerf orange-juice protocol (GBDT)',
      ),
    ],
  },
  {
    bench: 'train',
    title: 'Training throughput',
    intro:
      "Wall time, CPU and peak RSS of `trainAndForecast` (local backtests, neural and GBDT candidates, final forecast, driver breakdown) on seeded synthetic daily panels with promotion, price, market-signal and event covariates, horizon 28, 3 backtest origins, default options. Sizes run ascending in one process (`SHELFCAST_TRAIN_SIZES`), so peak RSS is the peak up to that size. Wall time depends on the machine's load; the bench prints CPU seconds and the load average beside it.",
    results: [view<TrainResult>('train', trainTables)],
  },
  {
    bench: 'hierarchy',
    title: 'Hierarchical reconciliation',
    intro:
      "Coherent forecasts at every level (`@shelfcast/forecasting` hierarchy: bottom-up, top-down, OLS, structural and variance WLS, MinT with shrinkage) on Dominick's OJ (store × brand bottom), Favorita (stores under cluster, type, state, total) and ABS retail turnover (sub-industry × state bottom). Base forecasts come from the engine's local models on every series at every level and rolling origin; the default method is chosen on the development origins and the test origins are scored once. Method notes in [hierarchy.md](hierarchy.md).",
    results: [view<HierarchyResult>('hierarchy', hierarchyTables)],
  },
  {
    bench: 'realized',
    title: 'Realized accuracy scoring',
    intro:
      'The cost of scoring served forecasts against actuals as they arrive: a synthetic catalogue of 10,000 series with a promoted run (28-day horizon) frozen at promotion, then one day of sales imported through the bulk importer and scored incrementally into the realized-accuracy sums (SQLite). Storage is measured from the database file. Details in [alerts-and-realized-accuracy.md](alerts-and-realized-accuracy.md).',
    results: [view<RealizedResult>('realized', realizedTables)],
  },
  {
    bench: 'policy',
    title: 'Inventory policy replay',
    intro:
      "The inventory policy replayed week by week on Dominick's orange juice: lead time one week, weekly review, unmet demand lost, fill-rate targets 90/95/98%. Each week the policy decides from forecasts made with the history before it; fill rate = Σ sales / Σ demand pooled over all series. \"Ours\" is the product's forecasting engine (the nightly run's `trainAndForecast` call) refitted every 4 weeks on the data known then, its quantiles moved half way to their calibration as the nightly run stores them (errors pooled by promotion state and spread band over a 26-week score window), read as 9 quantiles by the served lost-sales sizing; the bench's promotion regression is a comparison row and the baseline is seasonal naive. The calibration (none, half or the full correction) was chosen on weeks 105–132 only (`POLICY_BENCH_TRANSFER_DEV=1`); method, selection and misses: [inventory-policy.md](inventory-policy.md).",
    results: [
      view<PolicyResult>('policy', policyTables),
      view<PolicyResult>(
        'policy-transfer-dev',
        policyTables,
        "Transfer development run: how the engine's calibration was chosen",
      ),
      view<PolicyResult>(
        'policy-transfer-dev-levels',
        policyTables,
        'Transfer development run: level recalibration (tried, not chosen)',
      ),
      view<PolicyResult>(
        'policy-dev',
        policyDevTables,
        'Development run: how the forecaster and the policy reading were chosen',
      ),
    ],
  },
  {
    bench: 'affinity',
    title: 'Product affinity',
    intro:
      "Leave-one-item-out ranking on the real Groceries baskets (every 5th basket is test; every model's parameters chosen on a validation fold of the training baskets), the apriori correctness check, cold start on Dominick's orange juice (a store × brand series' history hidden and borrowed from the 3 most similar brands in the store), and a scale check of the sparse co-occurrence count. Method: [affinity.md](affinity.md).",
    results: [view<AffinityResult>('affinity', affinityTables)],
  },
  {
    bench: 'nightly',
    title: 'Nightly run at scale',
    intro:
      "The product's whole nightly run — the cron handler's run: load, backtest, train, forecast, promotion, then recommendations, reports and affinity — on the demo generator scaled to a catalogue size (stores × products, 365 days of daily sales with prices, promotions, stock-outs, inventory, purchase orders, signals and events), imported into a fresh database through the bulk writer before the clock starts. SQLite runs train in the API's worker threads; PostgreSQL runs use `QUEUE=redis` with N `node dist/backend/api/worker.js` processes of one training thread each while the API only coordinates. Interrupted runs were killed with SIGKILL mid-run (every process) and restarted; their wall time includes the restart. Capacity in the [README](../README.md#capacity).",
    results: [view<NightlyResult>('nightly', nightlyTables)],
  },
  {
    bench: 'import',
    title: 'Import throughput',
    intro:
      "Sales rows through the product's import path (CSV stream, csv-parse, validation, bulk upsert in one transaction) next to a raw baseline in the same run (SQLite: better-sqlite3 prepared batched INSERT; PostgreSQL: `COPY`). Raw and import path alternate over rounds and the best of each is kept.",
    results: [view<ImportResult>('import', importTables)],
  },
  {
    bench: 'export',
    title: 'Export throughput and memory',
    intro:
      "Forecast rows in a fresh migrated SQLite database exported through the report path (keyset pages, writer, a 16 KB-buffered sink with backpressure) as CSV and XLSX, and the store-summary PDF, next to raw iteration of the same join and the report's row source without a writer. Peak RSS in the default run reflects V8 collecting lazily; the heap-capped run shows what an export needs.",
    results: [
      view<ExportResult>('export', exportTables),
      view<ExportResult>(
        'export-heap128',
        exportTables,
        'V8 heap capped at 128 MB',
      ),
    ],
  },
  {
    bench: 'api-under-training',
    title: 'API under training',
    intro:
      "The dashboard's main endpoints (health, freshness, one forecast series, training runs, product search) under autocannon load against the real API over loopback, on a fresh SQLite database seeded with the demo panel: once with no training and once for a whole training run (training, forecast writes, promotion) plus 30 s of recommendation and affinity work. p95 is computed from every response; event-loop delay is measured inside the API process. Run it on an otherwise idle machine.",
    results: [
      view<ApiResult>('api-under-training', apiTables),
      view<ApiResult>(
        'api-under-training-no-pacing',
        apiTables,
        'Request pacing off',
      ),
    ],
  },
  {
    bench: 'dashboard',
    title: 'Dashboard',
    intro:
      "Production bundle sizes of the built dashboard (initial JS = the entry scripts of `index.html` and their static imports) and the forecast chart's render time with 3 years of daily history and a 28-day P10–P90 band in headless Chromium, next to a plain ECharts line chart with the same points.",
    results: [view<DashboardResult>('dashboard', dashboardTables)],
  },
];
