/**
 * Runs in Chromium (bundled by dashboard.bench.ts). Renders the forecast chart (built by the charts
 * library's own option builder, on the library's trimmed ECharts) and a plain line chart with the
 * same points, alternately, and times each from setting the data to ECharts' `finished` event.
 * ECharts and the option builder are injected, so this file stays free of library internals.
 */

export interface BenchDatedValue {
  date: string;
  value: number | null;
}

export interface BenchForecastPoint {
  date: string;
  p10: number | null;
  p50: number;
  p90: number | null;
}

/** The part of an ECharts instance the bench uses. */
export interface BenchChart {
  setOption(option: object): void;
  on(event: 'finished', handler: () => void): void;
  off(event: 'finished'): void;
  dispose(): void;
}

export interface ChartBenchDeps {
  init(element: HTMLElement, theme: object | null): BenchChart;
  forecastOptions(
    history: BenchDatedValue[],
    forecast: BenchForecastPoint[],
  ): object;
  theme: object;
}

export interface ChartBenchConfig {
  days: number;
  horizon: number;
  warmup: number;
  runs: number;
  width: number;
  height: number;
}

export interface ChartRun {
  /** Building the options from the data (the library's option builder). */
  buildMs: number;
  /** From setOption to ECharts' `finished` event. */
  renderMs: number;
  /** buildMs + renderMs: from handing over the data to a finished chart. */
  totalMs: number;
}

export interface ChartBenchResult {
  points: number;
  forecast: ChartRun[];
  baseline: ChartRun[];
}

/** Deterministic demand-like series: trend, weekly and yearly seasonality, noise. */
export function makeSeries(
  days: number,
  horizon: number,
): { history: BenchDatedValue[]; forecast: BenchForecastPoint[] } {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1_664_525 + 1_013_904_223) % 4_294_967_296;
    return seed / 4_294_967_296;
  };
  const start = Date.UTC(2023, 10, 28);
  const day = (i: number): string =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10);
  const level = (i: number): number =>
    40 +
    i * 0.01 +
    8 * Math.sin((2 * Math.PI * i) / 7) +
    12 * Math.sin((2 * Math.PI * i) / 365.25);
  const history: BenchDatedValue[] = [];
  for (let i = 0; i < days; i++) {
    history.push({
      date: day(i),
      value: Math.max(0, Math.round(level(i) + (random() - 0.5) * 16)),
    });
  }
  const forecast: BenchForecastPoint[] = [];
  for (let h = 0; h < horizon; h++) {
    const p50 = level(days + h);
    const spread = 6 + h * 0.3;
    forecast.push({
      date: day(days + h),
      p10: Math.max(0, p50 - spread),
      p50,
      p90: p50 + spread,
    });
  }
  return { history, forecast };
}

function plainLineOptions(
  history: BenchDatedValue[],
  forecast: BenchForecastPoint[],
): object {
  return {
    animation: false,
    xAxis: { type: 'time' },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'line',
        showSymbol: false,
        data: [
          ...history.map((p) => [p.date, p.value]),
          ...forecast.map((p) => [p.date, p.p50]),
        ],
      },
    ],
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

async function renderOnce(
  deps: ChartBenchDeps,
  config: ChartBenchConfig,
  theme: object | null,
  build: () => object,
): Promise<ChartRun> {
  const element = document.createElement('div');
  element.style.width = `${config.width}px`;
  element.style.height = `${config.height}px`;
  document.body.appendChild(element);
  const chart = deps.init(element, theme);
  await nextFrame();
  const t0 = performance.now();
  const option = build();
  const t1 = performance.now();
  const finished = new Promise<void>((resolve) =>
    chart.on('finished', () => resolve()),
  );
  chart.setOption(option);
  await finished;
  const t2 = performance.now();
  chart.off('finished');
  chart.dispose();
  element.remove();
  await nextFrame();
  return { buildMs: t1 - t0, renderMs: t2 - t1, totalMs: t2 - t0 };
}

export async function runChartBench(
  deps: ChartBenchDeps,
  config: ChartBenchConfig,
): Promise<ChartBenchResult> {
  const { history, forecast } = makeSeries(config.days, config.horizon);
  const result: ChartBenchResult = {
    points: history.length + forecast.length,
    forecast: [],
    baseline: [],
  };
  // Alternate the two charts so drift in machine load hits both alike.
  for (let i = 0; i < config.warmup + config.runs; i++) {
    const f = await renderOnce(deps, config, deps.theme, () =>
      deps.forecastOptions(history, forecast),
    );
    const b = await renderOnce(deps, config, null, () =>
      plainLineOptions(history, forecast),
    );
    if (i >= config.warmup) {
      result.forecast.push(f);
      result.baseline.push(b);
    }
  }
  return result;
}
