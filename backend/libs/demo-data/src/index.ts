export * from './lib/csv';
export * from './lib/catalog';
export * from './lib/generator';
export * from './lib/assortment';
export * from './lib/baskets';
export * from './lib/writer';
export * from './lib/converters';
