/** Options of the global neural model. Defaults are sized for ~10k daily series on 2 cores. */
export interface NeuralOptions {
  /** Train and use the global model (default true). */
  enabled?: boolean;
  /** 'auto' tries tfjs-node (if installed), then wasm, then cpu. */
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  /** Past periods fed as lags (default: day 56, week 20, month 24). */
  lagWindow?: number;
  /** Past periods of each covariate fed alongside the lags (default 8). */
  covariateLags?: number;
  hidden?: number[];
  /** Upper bound on sampled training windows (default 40,000). */
  maxWindows?: number;
  epochs?: number;
  /** Early-stopping patience in epochs without validation improvement (default 2). */
  patience?: number;
  batchSize?: number;
  learningRate?: number;
  /** Retrain on all data after the backtest (default true); otherwise reuse the backtest model. */
  retrainFinal?: boolean;
  /** Buckets of the hashed store / category / brand one-hot encodings. */
  storeBuckets?: number;
  categoryBuckets?: number;
  /** Logs which backend ran and per-epoch losses. */
  log?: (message: string) => void;
}

export interface ResolvedNeuralOptions {
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  lagWindow: number;
  covariateLags: number;
  hidden: number[];
  maxWindows: number;
  epochs: number;
  patience: number;
  batchSize: number;
  learningRate: number;
  retrainFinal: boolean;
  storeBuckets: number;
  categoryBuckets: number;
  log: (message: string) => void;
}

export function resolveNeuralOptions(
  o: NeuralOptions,
  period: number,
): ResolvedNeuralOptions {
  return {
    backend: o.backend ?? 'auto',
    lagWindow: o.lagWindow ?? (period === 7 ? 56 : period === 52 ? 20 : 24),
    covariateLags: o.covariateLags ?? 8,
    hidden: o.hidden ?? [128, 64],
    maxWindows: o.maxWindows ?? 40_000,
    epochs: o.epochs ?? 15,
    patience: o.patience ?? 2,
    batchSize: o.batchSize ?? 512,
    learningRate: o.learningRate ?? 1e-3,
    retrainFinal: o.retrainFinal ?? true,
    storeBuckets: o.storeBuckets ?? 32,
    categoryBuckets: o.categoryBuckets ?? 16,
    log: o.log ?? (() => undefined),
  };
}
