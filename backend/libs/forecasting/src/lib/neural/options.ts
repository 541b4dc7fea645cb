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
  /**
   * Training windows drawn per epoch (default 40,000), a fresh seeded sample over all series and
   * origins each epoch, so the training cost does not grow with the panel size.
   */
  maxWindows?: number;
  /** Epochs of the backtest model (default 15; early stopping may end sooner). */
  epochs?: number;
  /**
   * Epochs of the final model (default 4), which continues from the backtest model's weights on
   * the windows up to the end of the history at half the learning rate.
   */
  finalEpochs?: number;
  /** Early-stopping patience in epochs without validation improvement (default 2). */
  patience?: number;
  batchSize?: number;
  learningRate?: number;
  /**
   * Fine-tune on all data after the backtest (default true); otherwise the backtest model (trained
   * on data before each series' first origin) makes the final forecast.
   */
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
  finalEpochs: number;
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
    finalEpochs: o.finalEpochs ?? 4,
    patience: o.patience ?? 2,
    batchSize: o.batchSize ?? 512,
    learningRate: o.learningRate ?? 1e-3,
    retrainFinal: o.retrainFinal ?? true,
    storeBuckets: o.storeBuckets ?? 32,
    categoryBuckets: o.categoryBuckets ?? 16,
    log: o.log ?? (() => undefined),
  };
}
