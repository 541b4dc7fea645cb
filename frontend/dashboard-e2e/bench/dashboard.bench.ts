/**
 * npm run bench:dashboard — production bundle sizes of the built dashboard (initial JS raw and
 * gzip, every lazy chunk) and the render time of the forecast chart with 3 years of daily data
 * (1,095 points + a 28-day P10–P90 band) in Debian's headless Chromium, next to a plain ECharts
 * line chart with the same points in the same run. Writes bench-results/dashboard.json.
 *
 * Needs `dist/frontend/dashboard/browser` (`npx nx build dashboard`).
 * Env: BENCH_RUNS (default 9), BENCH_WARMUP (default 3).
 * BENCH_SMOKE=1: one run without warm-up; writes bench-results/smoke/dashboard.json.
 */
import { build } from 'esbuild';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type {
  ChartBenchConfig,
  ChartBenchResult,
  ChartRun,
} from './chart-render.page';
import { launchBrowser } from '../src/support/browser';
import { DASHBOARD_DIR, REPO_ROOT } from '../src/support/paths';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { benchResultPath, smokeOr } from '../../../backend/tools/bench-smoke';

const TARGET_INITIAL_GZIP_KB = 400;
const TARGET_RENDER_MS = 300;

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

interface LazyChunk extends FileSize {
  /** What loads it: a route component, `echarts`, or the chunks that import it. */
  loadedFor: string;
}

interface BundleReport {
  initialJs: { files: FileSize[]; raw: number; gzip: number };
  css: FileSize[];
  lazy: LazyChunk[];
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

function sizeOf(file: string): FileSize {
  const content = readFileSync(join(DASHBOARD_DIR, file));
  return {
    file,
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
  };
}

function staticImports(file: string): string[] {
  const code = readFileSync(join(DASHBOARD_DIR, file), 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(
    /(?:\bfrom\s*|\bimport\s*)["']\.\/([\w.-]+\.js)["']/g,
  )) {
    found.add(m[1]);
  }
  return [...found];
}

function dynamicImports(file: string): { chunk: string; name: string }[] {
  const code = readFileSync(join(DASHBOARD_DIR, file), 'utf8');
  return [
    ...code.matchAll(
      /import\(["']\.\/([\w.-]+\.js)["']\)(?:\.then\(\(?\w+\)?=>\w+\.(\w+)\))?/g,
    ),
  ].map((m) => ({ chunk: m[1], name: m[2] ?? '(dynamic)' }));
}

/** Initial = the entry scripts of index.html and everything they import statically. */
export function bundleReport(): BundleReport {
  const html = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (!initial.has(file)) {
      initial.add(file);
      staticImports(file).forEach(visit);
    }
  };
  entries.forEach(visit);

  const jsFiles = readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.js'));
  const loadedFor = new Map<string, string[]>();
  const note = (chunk: string, what: string): void => {
    loadedFor.set(chunk, [...(loadedFor.get(chunk) ?? []), what]);
  };
  for (const file of jsFiles) {
    for (const d of dynamicImports(file)) {
      note(d.chunk, d.name);
    }
  }
  const shared = new Map<string, Set<string>>();
  for (const file of jsFiles.filter((f) => !initial.has(f))) {
    for (const dep of staticImports(file)) {
      if (!initial.has(dep)) {
        const users = shared.get(dep) ?? new Set<string>();
        (loadedFor.get(file) ?? [file]).forEach((u) => users.add(u));
        shared.set(dep, users);
      }
    }
  }
  for (const [chunk, users] of shared) {
    note(chunk, `shared by ${[...users].sort().join(', ')}`);
  }
  const initialFiles = [...initial].map(sizeOf);
  return {
    initialJs: {
      files: initialFiles,
      raw: initialFiles.reduce((s, f) => s + f.raw, 0),
      gzip: initialFiles.reduce((s, f) => s + f.gzip, 0),
    },
    css: [
      ...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
    ].map((m) => sizeOf(m[1])),
    lazy: jsFiles
      .filter((f) => !initial.has(f))
      .map((f) => ({
        ...sizeOf(f),
        loadedFor: (loadedFor.get(f) ?? ['?']).join(', '),
      }))
      .sort((a, b) => b.gzip - a.gzip),
  };
}

/** The charts library's own option builder and trimmed ECharts, plus the bench page, for the browser. */
async function bundleChartPage(): Promise<string> {
  const lib = join(REPO_ROOT, 'frontend/libs/charts/src/lib');
  const contents = `
    import { echarts } from ${JSON.stringify(join(lib, 'core/echarts-setup'))};
    import { buildEchartsTheme, paletteFor } from ${JSON.stringify(join(lib, 'core/chart-palette'))};
    import { buildForecastChartOptions } from ${JSON.stringify(join(lib, 'forecast-chart/forecast-chart.options'))};
    import { runChartBench } from ${JSON.stringify(join(__dirname, 'chart-render.page'))};
    const palette = paletteFor('light');
    window.runChartBench = (config) => runChartBench({
      init: (el, theme) => echarts.init(el, theme, { renderer: 'canvas', locale: 'EN' }),
      forecastOptions: (history, forecast) =>
        buildForecastChartOptions({ history, forecast }, { palette, locale: 'en' }),
      theme: buildEchartsTheme(palette),
    }, config);
  `;
  const result = await build({
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (n: number): number => Math.round(n * 10) / 10;
  return {
    median: round(median),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

function summarize(runs: ChartRun[]): Record<keyof ChartRun, Stats> {
  return {
    buildMs: stats(runs.map((r) => r.buildMs)),
    renderMs: stats(runs.map((r) => r.renderMs)),
    totalMs: stats(runs.map((r) => r.totalMs)),
  };
}

async function chartBench(
  config: ChartBenchConfig,
): Promise<{ chromium: string; result: ChartBenchResult }> {
  const script = await bundleChartPage();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({
      viewport: { width: config.width + 40, height: config.height + 40 },
      deviceScaleFactor: 1,
    });
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    const result = await page.evaluate(
      (c) =>
        (
          window as unknown as {
            runChartBench(c: ChartBenchConfig): Promise<ChartBenchResult>;
          }
        ).runChartBench(c),
      config,
    );
    return { chromium: browser.version(), result };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const bundle = bundleReport();
  console.log('Dashboard production bundle (dist/frontend/dashboard/browser)');
  console.log(
    `  initial JS: ${kb(bundle.initialJs.raw)} raw, ${kb(bundle.initialJs.gzip)} gzip (target <= ${TARGET_INITIAL_GZIP_KB} kB gzip)`,
  );
  for (const f of bundle.initialJs.files) {
    console.log(
      `    ${f.file.padEnd(24)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`,
    );
  }
  for (const f of bundle.css) {
    console.log(`  CSS ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  }
  console.log('  lazy chunks:');
  for (const f of bundle.lazy) {
    console.log(
      `    ${f.file.padEnd(24)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip  ${f.loadedFor}`,
    );
  }

  const config: ChartBenchConfig = {
    days: 1095,
    horizon: 28,
    warmup: Number(process.env['BENCH_WARMUP'] ?? smokeOr(3, 0)),
    runs: Number(process.env['BENCH_RUNS'] ?? smokeOr(9, 1)),
    width: 1200,
    height: 360,
  };
  const { chromium, result } = await chartBench(config);
  const forecast = summarize(result.forecast);
  const baseline = summarize(result.baseline);
  console.log(
    `\nForecast chart render, ${config.days} days + ${config.horizon}-day band (${result.points} points), ${config.width}x${config.height} canvas, Chromium ${chromium}, median of ${config.runs} (after ${config.warmup} warm-up):`,
  );
  const line = (name: string, s: Record<keyof ChartRun, Stats>): void =>
    console.log(
      `  ${name.padEnd(34)} total ${s.totalMs.median} ms (min ${s.totalMs.min}, max ${s.totalMs.max}) = options ${s.buildMs.median} ms + render ${s.renderMs.median} ms`,
    );
  line('sc-forecast-chart options', forecast);
  line('baseline: plain line, same points', baseline);
  const ratio =
    Math.round((forecast.totalMs.median / baseline.totalMs.median) * 100) / 100;
  console.log(
    `  forecast / baseline: ${ratio}x (target < ${TARGET_RENDER_MS} ms)`,
  );

  const targets = {
    initialJsGzipKb: {
      target: TARGET_INITIAL_GZIP_KB,
      actual: Math.round((bundle.initialJs.gzip / 1024) * 10) / 10,
      pass: bundle.initialJs.gzip / 1024 <= TARGET_INITIAL_GZIP_KB,
    },
    forecastChartRenderMs: {
      target: TARGET_RENDER_MS,
      actual: forecast.totalMs.median,
      pass: forecast.totalMs.median < TARGET_RENDER_MS,
    },
  };
  console.log(
    `\nTargets: initial JS ${targets.initialJsGzipKb.pass ? 'PASS' : 'FAIL'}, chart render ${targets.forecastChartRenderMs.pass ? 'PASS' : 'FAIL'}`,
  );

  const out = benchResultPath('dashboard');
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model ?? null,
          loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
          node: process.version,
          chromium,
        },
        bundle,
        chart: {
          config,
          points: result.points,
          forecast,
          baseline,
          ratio,
          samples: { forecast: result.forecast, baseline: result.baseline },
        },
        targets,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
