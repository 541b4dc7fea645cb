/** The association numbers of the rule "antecedent → consequent" over `baskets` baskets. */
export interface PairMetrics {
  /** Baskets holding both. */
  count: number;
  /** count / baskets. */
  support: number;
  /** P(consequent | antecedent) = count / count(antecedent). */
  confidence: number;
  /** confidence / P(consequent); above 1 means bought together more often than by chance. */
  lift: number;
  /** count / sqrt(count(a) · count(c)): the cosine of the two items' basket vectors. */
  cosine: number;
}

export function pairMetrics(
  countA: number,
  countC: number,
  countBoth: number,
  baskets: number,
): PairMetrics {
  if (countA <= 0 || countC <= 0 || baskets <= 0)
    return { count: 0, support: 0, confidence: 0, lift: 0, cosine: 0 };
  const confidence = countBoth / countA;
  return {
    count: countBoth,
    support: countBoth / baskets,
    confidence,
    lift: confidence / (countC / baskets),
    cosine: countBoth / Math.sqrt(countA * countC),
  };
}
