export * from './lib/charts/charts';
