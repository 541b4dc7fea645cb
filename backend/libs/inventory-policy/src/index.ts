export * from './lib/inventory-policy';
