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

export type {
  PolicyProofView,
  ProofGroupView,
  ProofLineView,
  ProofSideView,
  RecommendationProofView,
} from '@shelfcast/contracts';
