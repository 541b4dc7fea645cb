/** An established product the new one borrows from. */
export interface Donor {
  similarity: number;
  /** The donor's recent history in the target store (NaN = missing), oldest first. */
  recent: Float64Array;
  /**
   * How the new product's volume relates to this donor's (e.g. their ratio in other stores where
   * both sell); default 1.
   */
  scale?: number;
}

export interface BorrowedProfile {
  /** Expected mean sales per period: the level prior handed to the forecasting engine. */
  level: number;
  /** Shape of the recent periods, mean 1 (similarity-weighted over donors with data). */
  profile: Float64Array;
  /** Weight of each donor after normalisation (0 for donors without data). */
  weights: number[];
}

function mean(values: Float64Array): number {
  let s = 0;
  let c = 0;
  for (const v of values)
    if (v === v) {
      s += v;
      c++;
    }
  return c > 0 ? s / c : NaN;
}

/**
 * Cold start: a new product's prior is the similarity-weighted, scaled profile of its most
 * similar established products. Each donor contributes its level × scale and its shape (history
 * divided by its level); donors without data or with non-positive similarity are skipped.
 * Returns null when no donor has data.
 */
export function borrowProfile(
  donors: readonly Donor[],
  options: { power?: number } = {},
): BorrowedProfile | null {
  const power = options.power ?? 1;
  const length = Math.max(0, ...donors.map((d) => d.recent.length));
  const raw = donors.map((d) => {
    const level = mean(d.recent);
    return level > 0 && d.similarity > 0 ? Math.pow(d.similarity, power) : 0;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const weights = raw.map((w) => w / total);
  let level = 0;
  const profile = new Float64Array(length);
  const profileWeight = new Float64Array(length);
  donors.forEach((d, i) => {
    if (weights[i] === 0) return;
    const own = mean(d.recent);
    level += weights[i] * own * (d.scale ?? 1);
    // Right-align histories of different lengths so the last periods coincide.
    const offset = length - d.recent.length;
    d.recent.forEach((v, t) => {
      if (v !== v) return;
      profile[offset + t] += weights[i] * (v / own);
      profileWeight[offset + t] += weights[i];
    });
  });
  for (let t = 0; t < length; t++)
    profile[t] = profileWeight[t] > 0 ? profile[t] / profileWeight[t] : 1;
  return { level, profile, weights };
}

/**
 * A donor's scale for a product that is new to one store but sold elsewhere: the median over the
 * other stores of (new product's level / donor's level) where both sell.
 */
export function crossStoreScale(
  pairs: readonly { target: number; donor: number }[],
): number | null {
  const ratios = pairs
    .filter((p) => p.target > 0 && p.donor > 0)
    .map((p) => p.target / p.donor)
    .sort((a, b) => a - b);
  if (ratios.length === 0) return null;
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
}
