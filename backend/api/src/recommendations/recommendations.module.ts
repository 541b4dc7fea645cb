import { Module } from '@nestjs/common';
import { PurchaseOrderExport } from './purchase-order-export.service';
import { RecommendationDecisions } from './recommendation-decisions.service';
import { RecommendationGeneration } from './recommendation-generation.service';
import { RecommendationQueries } from './recommendation-queries.service';
import { RecommendationWhatIf } from './recommendation-what-if.service';
import { RecommendationsController } from './recommendations.controller';

/** Replenishment recommendations: generation, review workflow, purchase-order export. */
@Module({
  controllers: [RecommendationsController],
  providers: [
    RecommendationGeneration,
    RecommendationQueries,
    RecommendationDecisions,
    PurchaseOrderExport,
    RecommendationWhatIf,
  ],
})
export class RecommendationsModule {}
