/**
 * Which products each demo store carries. The first store (the flagship) carries the whole
 * catalogue, so every product sells somewhere; every other store leaves out a few products (a
 * regional range), which is what gives the store-based collaborative filtering its assortment gaps.
 */
import { Rng, hashSeed } from './prng';

/** Share of the catalogue a non-flagship store does not carry. */
export const NOT_CARRIED_SHARE = 0.08;

const ASSORTMENT_STREAM = 6;

/** carried[store * products + product] = 1 when the store carries the product. */
export function buildAssortment(
  seed: number,
  stores: number,
  products: number,
): Uint8Array {
  const carried = new Uint8Array(stores * products).fill(1);
  for (let s = 1; s < stores; s++) {
    const rng = new Rng(hashSeed(seed, ASSORTMENT_STREAM, s));
    for (let p = 0; p < products; p++)
      if (rng.bool(NOT_CARRIED_SHARE)) carried[s * products + p] = 0;
  }
  return carried;
}
