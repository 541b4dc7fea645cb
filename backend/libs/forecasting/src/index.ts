export * from './lib/forecasting';
