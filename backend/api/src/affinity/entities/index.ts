import {
  AffinityPair,
  AffinityRun,
  AssortmentGap,
  ProductSimilarity,
  SegmentPick,
} from './affinity-results.entity';
import { BasketLine } from './basket-line.entity';

export const AFFINITY_ENTITIES = [
  BasketLine,
  AffinityPair,
  ProductSimilarity,
  AssortmentGap,
  SegmentPick,
  AffinityRun,
];
