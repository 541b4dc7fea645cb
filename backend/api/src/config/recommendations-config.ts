import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { readEnv, toNumber } from './env-parsing';

/** Environment variables of replenishment recommendations (validated with the rest of the config). */
export class RecommendationsEnvironmentVariables {
  /** Service target per ABC class, e.g. `A:0.98,B:0.95,C:0.90` (the default). */
  @IsOptional()
  @Matches(/^\s*[ABC]\s*:\s*0?\.\d+\s*(,\s*[ABC]\s*:\s*0?\.\d+\s*)*$/, {
    message: 'SERVICE_TARGETS must look like A:0.98,B:0.95,C:0.90',
  })
  SERVICE_TARGETS?: string;

  /** What the targets mean: `fill-rate` (default) or `cycle-service`. */
  @IsOptional()
  @IsIn(['fill-rate', 'cycle-service'])
  SERVICE_TARGET_KIND?: 'fill-rate' | 'cycle-service';

  /** Lead time of products without a supplier (default 7 days). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(365)
  DEFAULT_LEAD_TIME_DAYS?: number;

  /** Review period of products without a supplier (default 7 days). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  DEFAULT_REVIEW_PERIOD_DAYS?: number;

  /** Days of sales used for ABC (revenue) and XYZ (demand variability) classes (default 91). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(7)
  @Max(730)
  CLASSIFICATION_DAYS?: number;

  /** Up to this many series POST /api/recommendations/regenerate answers when done; above, 202 and background (default 2000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  RECOMMENDATIONS_SYNC_MAX_SERIES?: number;

  /**
   * An adjustment above this multiple of the suggestion (at least one case pack or the MOQ) needs
   * a reason and a second approval by a planner (default 3).
   */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1000)
  ADJUSTMENT_APPROVAL_MULTIPLE?: number;

  /**
   * An adjustment whose order value (units × unit cost, in the store's money) is above this needs
   * a reason and a second approval by a planner (default 50000).
   */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  ADJUSTMENT_APPROVAL_VALUE?: number;
}

export interface RecommendationsConfig {
  serviceKind: 'fill-rate' | 'cycle-service';
  serviceTargets: { A: number; B: number; C: number };
  defaultLeadTimeDays: number;
  defaultReviewPeriodDays: number;
  classificationDays: number;
  syncMaxSeries: number;
  /** Plausibility limits of adjustments (contracts: AdjustmentLimits). */
  adjustmentLimits: { maxMultiple: number; maxOrderValue: number };
}

/** Validates the recommendation variables; returns error lines (empty when valid) and the values. */
export function loadRecommendationsConfig(
  raw: Record<string, string | undefined>,
): { errors: string[]; value: RecommendationsConfig } {
  const { env, errors } = readEnv(RecommendationsEnvironmentVariables, raw);
  const targets = { A: 0.98, B: 0.95, C: 0.9 };
  if (env.SERVICE_TARGETS && errors.length === 0) {
    for (const part of env.SERVICE_TARGETS.split(',')) {
      const [k, v] = part.split(':').map((x) => x.trim());
      const level = Number(v);
      if (!(level >= 0.5 && level <= 0.9999))
        errors.push(
          `  SERVICE_TARGETS: ${k} must be between 0.5 and 0.9999 (got ${v})`,
        );
      else targets[k as 'A' | 'B' | 'C'] = level;
    }
  }
  return {
    errors,
    value: {
      serviceKind: env.SERVICE_TARGET_KIND ?? 'fill-rate',
      serviceTargets: targets,
      defaultLeadTimeDays: env.DEFAULT_LEAD_TIME_DAYS ?? 7,
      defaultReviewPeriodDays: env.DEFAULT_REVIEW_PERIOD_DAYS ?? 7,
      classificationDays: env.CLASSIFICATION_DAYS ?? 91,
      syncMaxSeries: env.RECOMMENDATIONS_SYNC_MAX_SERIES ?? 2000,
      adjustmentLimits: {
        maxMultiple: env.ADJUSTMENT_APPROVAL_MULTIPLE ?? 3,
        maxOrderValue: env.ADJUSTMENT_APPROVAL_VALUE ?? 50_000,
      },
    },
  };
}
