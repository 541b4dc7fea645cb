import { Recommendation } from './recommendation.entity';
import { RecommendationDecision } from './recommendation-decision.entity';

/** The recommendations feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const RECOMMENDATIONS_ENTITIES = [
  Recommendation,
  RecommendationDecision,
];
