export * from './lib/imports';
export * from './lib/health';
export * from './lib/paging';
export * from './lib/csv-formats';
export * from './lib/catalog';
export * from './lib/auth';
export * from './lib/training';
export * from './lib/forecasts';
