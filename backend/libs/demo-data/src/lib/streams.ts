/** Purposes mixed into the seed so that every random stream is independent of the others. */
export const STREAM = {
  stores: 1,
  products: 2,
  signals: 3,
  series: 4,
  prices: 5,
} as const;
