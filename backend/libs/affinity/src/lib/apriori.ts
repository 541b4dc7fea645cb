import { basketCount, type Baskets } from './baskets';

export interface FrequentItemset {
  /** Item ids, ascending. */
  items: number[];
  /** Baskets holding every item. */
  count: number;
  support: number;
}

export interface AssociationRule {
  antecedent: number[];
  consequent: number;
  count: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface AprioriOptions {
  /** Minimum itemset support as a share of baskets, e.g. 0.006. */
  minSupport: number;
  /** Largest itemset size (default 10, as arules). */
  maxLength?: number;
}

export interface RuleOptions {
  minConfidence: number;
  /** Minimum items in a rule, antecedent and consequent together (default 2). */
  minLength?: number;
}

const key = (items: readonly number[]): string => items.join(',');

/**
 * Frequent itemsets of any size, level by level (Apriori: a k-itemset is a candidate only when all
 * its (k-1)-subsets are frequent). Support is counted on vertical bitsets: a basket set per
 * itemset, intersected word by word, so counting a candidate costs baskets / 32 operations.
 */
export function frequentItemsets(
  b: Baskets,
  options: AprioriOptions,
): FrequentItemset[] {
  const nb = basketCount(b);
  const words = Math.ceil(nb / 32);
  const maxLength = options.maxLength ?? 10;
  // Support is a share of baskets; compare counts with a tolerance for the division.
  const minCount = options.minSupport * nb - 1e-9;
  const itemBits = new Map<number, Uint32Array>();
  const single = new Uint32Array(b.itemCount);
  for (let i = 0; i < b.items.length; i++) single[b.items[i]]++;
  for (let i = 0; i < b.itemCount; i++)
    if (single[i] >= minCount) itemBits.set(i, new Uint32Array(words));
  for (let k = 0; k < nb; k++) {
    for (let p = b.offsets[k]; p < b.offsets[k + 1]; p++) {
      const bits = itemBits.get(b.items[p]);
      if (bits) bits[k >>> 5] |= 1 << (k & 31);
    }
  }
  const out: FrequentItemset[] = [];
  let level: { items: number[]; bits: Uint32Array }[] = [];
  for (const [item, bits] of [...itemBits].sort((x, y) => x[0] - y[0])) {
    level.push({ items: [item], bits });
    out.push({
      items: [item],
      count: single[item],
      support: single[item] / nb,
    });
  }
  const frequent = new Set(level.map((l) => key(l.items)));
  for (let size = 2; size <= maxLength && level.length > 1; size++) {
    const next: { items: number[]; bits: Uint32Array }[] = [];
    for (let x = 0; x < level.length; x++) {
      const a = level[x];
      for (let y = x + 1; y < level.length; y++) {
        const c = level[y];
        if (!samePrefix(a.items, c.items)) break; // level is sorted: prefixes are contiguous
        const items = [...a.items, c.items[size - 2]];
        if (!allSubsetsFrequent(items, frequent)) continue;
        const last = itemBits.get(items[size - 1]) as Uint32Array;
        const bits = new Uint32Array(words);
        let count = 0;
        for (let w = 0; w < words; w++) {
          const v = a.bits[w] & last[w];
          bits[w] = v;
          count += popcount(v);
        }
        if (count < minCount) continue;
        next.push({ items, bits });
        out.push({ items, count, support: count / nb });
      }
    }
    for (const n of next) frequent.add(key(n.items));
    level = next;
  }
  return out;
}

/**
 * Rules with one item on the right-hand side (as arules' apriori), from every frequent itemset of
 * at least `minLength` items: X \ {c} → c with confidence count(X) / count(X \ {c}).
 */
export function associationRules(
  itemsets: readonly FrequentItemset[],
  baskets: number,
  options: RuleOptions,
): AssociationRule[] {
  const minLength = Math.max(1, options.minLength ?? 2);
  const counts = new Map(itemsets.map((s) => [key(s.items), s.count]));
  const rules: AssociationRule[] = [];
  for (const set of itemsets) {
    if (set.items.length < minLength) continue;
    for (let c = 0; c < set.items.length; c++) {
      const antecedent = set.items.filter((_, i) => i !== c);
      const consequent = set.items[c];
      const countA = antecedent.length ? counts.get(key(antecedent)) : baskets;
      const countC = counts.get(String(consequent));
      if (countA === undefined || countC === undefined) continue;
      const confidence = set.count / countA;
      if (confidence < options.minConfidence - 1e-12) continue;
      rules.push({
        antecedent,
        consequent,
        count: set.count,
        support: set.support,
        confidence,
        lift: confidence / (countC / baskets),
      });
    }
  }
  return rules;
}

function samePrefix(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

function allSubsetsFrequent(items: number[], frequent: Set<string>): boolean {
  if (items.length <= 2) return true; // both 1-subsets are the joined parents' items
  for (let drop = 0; drop < items.length - 2; drop++) {
    if (!frequent.has(key(items.filter((_, i) => i !== drop)))) return false;
  }
  return true;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
