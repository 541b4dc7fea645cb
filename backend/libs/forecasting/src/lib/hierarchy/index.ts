export * from './structure';
export { shrinkCovariance, type ShrunkCovariance } from './covariance';
export * from './reconcile';
export * from './probabilistic';
export { pooledLevelVariances } from './variances';
export * from './level-weights';
export * from './combination';
