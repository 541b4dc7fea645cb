import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RunProofDto {
  @ApiPropertyOptional({
    description: 'Weeks replayed before the lines’ date (default 13)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;
}

export class ProofQueryDto {
  @ApiPropertyOptional({
    description: 'Proof id (default: the latest finished proof)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  proofId?: number;

  @ApiPropertyOptional({ description: 'Lines per page (default 200)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Lines to skip (default 0)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** One side of the comparison, summed over lines (fill rate weighted by demand). */
export interface ProofSideView {
  fillRate: number | null;
  avgOnHand: number;
  stockOutDays: number;
  lostUnits: number;
}

export interface ProofGroupView {
  key: string;
  lines: number;
  demand: number;
  /** The lines' fill-rate targets, weighted by demand (null without replayed lines). */
  target: number | null;
  served: ProofSideView;
  naive: ProofSideView;
}

export interface ProofLineView {
  recommendationId: number | null;
  store: string;
  sku: string;
  category: string;
  periodUnit: string;
  /** The line's fill-rate target (its service level). */
  target: number | null;
  periods: number;
  demand: number;
  skipReason: string | null;
  served: ProofSideView | null;
  naive: ProofSideView | null;
}

export interface PolicyProofView {
  id: number;
  status: string;
  trigger: string;
  runId: string | null;
  weeks: number;
  from: string | null;
  to: string | null;
  lines: number;
  skipped: number;
  durationMs: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** What the replay assumes where the data says nothing. */
  assumptions: string[];
  total: ProofGroupView;
  byStore: ProofGroupView[];
  byCategory: ProofGroupView[];
  page: {
    total: number;
    limit: number;
    offset: number;
    items: ProofLineView[];
  };
}

/** One recommendation line's proof, for the line's detail. */
export interface RecommendationProofView {
  proofId: number;
  recommendationId: number;
  weeks: number;
  from: string | null;
  to: string | null;
  periodUnit: string;
  periods: number;
  target: number | null;
  skipReason: string | null;
  served: ProofSideView | null;
  naive: ProofSideView | null;
}
