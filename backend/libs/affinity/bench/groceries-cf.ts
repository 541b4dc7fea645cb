// Groceries leave-one-item-out: item-CF, popularity and association rules, each model's
// parameters chosen on a validation fold cut from the training baskets (never on the test
// baskets), plus diagnostics of why popularity is hard to beat here.
import {
  associationRules,
  basketCount,
  basketItems,
  type Baskets,
  easeRecommender,
  frequentItemsets,
  itemCfRecommender,
  type ItemCfOptions,
  itemSupportCounts,
  leaveOneItemOut,
  type LeaveOneOutResult,
  popularityRecommender,
  rulesRecommender,
  selectBaskets,
} from '../src';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the benches' shared smoke mode lives in backend/tools, outside any project
import { smokeOr } from '../../../tools/bench-smoke';

/** Symmetric metrics (the previous model family) and the conditional-probability family. */
function itemCfGrid(): { symmetric: ItemCfOptions[]; all: ItemCfOptions[] } {
  const symmetric: ItemCfOptions[] = [];
  for (const metric of ['cosine', 'confidence', 'lift'] as const)
    for (const k of [20, 50, 200]) symmetric.push({ metric, k, minCount: 2 });
  const conditional: ItemCfOptions[] = [];
  for (const alpha of [0, 0.25, 0.5, 0.75, 1])
    for (const basketWeight of ['none', 'inverse-size'] as const)
      for (const shrink of [0, 10])
        for (const normalize of [false, true])
          for (const popularityWeight of [0, 0.03, 0.3])
            for (const k of [50, 200])
              conditional.push({
                alpha,
                basketWeight,
                shrink,
                normalize,
                popularityWeight,
                k,
                minCount: 2,
              });
  return { symmetric, all: [...symmetric, ...conditional] };
}

interface Tuned {
  options: ItemCfOptions;
  validation: LeaveOneOutResult;
}

function best(tuned: Tuned[]): Tuned {
  // Hit rate first; MRR breaks ties; the grid order (simpler models first) breaks the rest.
  return tuned.reduce((a, b) =>
    b.validation.hitRate > a.validation.hitRate ||
    (b.validation.hitRate === a.validation.hitRate &&
      b.validation.mrr > a.validation.mrr)
      ? b
      : a,
  );
}

const SIZE_BANDS: [number, number][] = [
  [2, 2],
  [3, 3],
  [4, 5],
  [6, 9],
  [10, Infinity],
];

/** Popularity and item-CF by test-basket size, and how often the hidden item is a top-10 item. */
function diagnostics(test: Baskets, train: Baskets, chosen: ItemCfOptions) {
  const counts = itemSupportCounts(train);
  const top10 = new Set(
    Array.from(counts.keys())
      .sort((a, b) => counts[b] - counts[a] || a - b)
      .slice(0, 10),
  );
  let cases = 0;
  let inTop10 = 0;
  for (let b = 0; b < basketCount(test); b++) {
    const items = basketItems(test, b);
    if (items.length < 2) continue;
    for (const i of items) {
      cases++;
      if (top10.has(i)) inTop10++;
    }
  }
  const pop = popularityRecommender(train);
  const cf = itemCfRecommender(train, chosen);
  const bySize = SIZE_BANDS.map(([lo, hi]) => {
    const band = selectBaskets(test, (b) => {
      const size = test.offsets[b + 1] - test.offsets[b];
      return size >= lo && size <= hi;
    });
    const p = leaveOneItemOut(band, train, pop);
    const c = leaveOneItemOut(band, train, cf);
    return {
      sizes: hi === Infinity ? `${lo}+` : lo === hi ? `${lo}` : `${lo}–${hi}`,
      cases: p.cases,
      popularityHitRate: p.hitRate,
      itemCfHitRate: c.hitRate,
    };
  });
  return { heldOutInTop10Share: inTop10 / cases, bySize };
}

/**
 * 95% interval of the hit-rate ratio item-CF / popularity, by a paired bootstrap over test
 * baskets (a basket's hidden items stay together: they share one context).
 */
function bootstrapRatio(
  test: Baskets,
  train: Baskets,
  chosen: ItemCfOptions,
  resamples = 2000,
): [number, number] {
  const pop = popularityRecommender(train);
  const cf = itemCfRecommender(train, chosen);
  const popHits: number[] = [];
  const cfHits: number[] = [];
  for (let b = 0; b < basketCount(test); b++) {
    const one = selectBaskets(test, (x) => x === b);
    const p = leaveOneItemOut(one, train, pop);
    if (!p.cases) continue;
    popHits.push(p.hitRate * p.cases);
    cfHits.push(leaveOneItemOut(one, train, cf).hitRate * p.cases);
  }
  // mulberry32: a fixed seed keeps the interval reproducible.
  let seed = 11;
  const uniform = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let hp = 0;
    let hc = 0;
    for (let x = 0; x < popHits.length; x++) {
      const b = Math.floor(uniform() * popHits.length);
      hp += popHits[b];
      hc += cfHits[b];
    }
    ratios.push(hc / hp);
  }
  ratios.sort((a, b) => a - b);
  return [
    ratios[Math.floor(0.025 * resamples)],
    ratios[Math.ceil(0.975 * resamples) - 1],
  ];
}

export function runGroceriesBench(baskets: Baskets) {
  // Every 5th basket is test; the rest trains. The validation fold is every 5th training basket.
  const train = selectBaskets(baskets, (b) => b % 5 !== 0);
  const test = selectBaskets(baskets, (b) => b % 5 === 0);
  const fit = selectBaskets(train, (b) => b % 5 !== 0);
  const validation = selectBaskets(train, (b) => b % 5 === 0);

  const grid = itemCfGrid();
  const tuning: Tuned[] = grid.all.map((options) => ({
    options,
    validation: leaveOneItemOut(
      validation,
      fit,
      itemCfRecommender(fit, options),
    ),
  }));
  const chosen = best(tuning);
  const chosenSymmetric = best(tuning.slice(0, grid.symmetric.length));
  const popValidation = leaveOneItemOut(
    validation,
    fit,
    popularityRecommender(fit),
  );

  // Smoke mode's slice has ~1/6.5 of the baskets: the same minimum pair counts need a higher
  // support (support 0.001 of 1,000 baskets is one basket, and every subset becomes frequent).
  const supportScale = smokeOr(1, 6.5);
  const ruleGrid = [
    { minSupport: 0.006, minConfidence: 0.25 },
    { minSupport: 0.002, minConfidence: 0.1 },
    { minSupport: 0.001, minConfidence: 0.05 },
  ].map((g) => ({ ...g, minSupport: g.minSupport * supportScale }));
  const ruleTuning = ruleGrid.map((g) => {
    const r = associationRules(
      frequentItemsets(fit, { minSupport: g.minSupport }),
      basketCount(fit),
      { minConfidence: g.minConfidence },
    );
    return {
      ...g,
      validation: leaveOneItemOut(validation, fit, rulesRecommender(r)),
    };
  });
  const ruleChoice = ruleTuning.reduce((a, b) =>
    b.validation.hitRate > a.validation.hitRate ? b : a,
  );

  // EASE (a closed-form regression of each item on the basket's others), λ chosen the same way.
  const easeTuning = [10, 50, 100, 200, 500, 1000].map((lambda) => ({
    lambda,
    validation: leaveOneItemOut(validation, fit, easeRecommender(fit, lambda)),
  }));
  const easeChoice = easeTuning.reduce((a, b) =>
    b.validation.hitRate > a.validation.hitRate ? b : a,
  );

  // Test baskets: evaluated once, with the choices above.
  const popularity = leaveOneItemOut(test, train, popularityRecommender(train));
  const itemCf = leaveOneItemOut(
    test,
    train,
    itemCfRecommender(train, chosen.options),
  );
  const symmetricCf = leaveOneItemOut(
    test,
    train,
    itemCfRecommender(train, chosenSymmetric.options),
  );
  const trainRules = associationRules(
    frequentItemsets(train, { minSupport: ruleChoice.minSupport }),
    basketCount(train),
    { minConfidence: ruleChoice.minConfidence },
  );
  const rules = leaveOneItemOut(test, train, rulesRecommender(trainRules));
  const ease = leaveOneItemOut(
    test,
    train,
    easeRecommender(train, easeChoice.lambda),
  );
  return {
    gridSize: tuning.length,
    chosenItemCf: chosen.options,
    chosenSymmetric: chosenSymmetric.options,
    validation: {
      popularity: popValidation,
      itemCf: chosen.validation,
      symmetricCf: chosenSymmetric.validation,
      ratio: chosen.validation.hitRate / popValidation.hitRate,
      ease: easeChoice.validation,
      easeRatio: easeChoice.validation.hitRate / popValidation.hitRate,
    },
    tuning: tuning.map((t) => ({
      ...t.options,
      validationHitRate: t.validation.hitRate,
      validationMrr: t.validation.mrr,
    })),
    chosenRules: {
      minSupport: ruleChoice.minSupport,
      minConfidence: ruleChoice.minConfidence,
      rules: trainRules.length,
    },
    chosenEaseLambda: easeChoice.lambda,
    results: { itemCf, symmetricCf, popularity, rules, ease },
    ratio: itemCf.hitRate / popularity.hitRate,
    ratioInterval95: bootstrapRatio(test, train, chosen.options),
    diagnostics: diagnostics(test, train, chosen.options),
  };
}
