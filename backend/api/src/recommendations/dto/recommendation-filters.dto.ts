import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  type AbcClassCode,
  RECOMMENDATION_RISKS,
  RECOMMENDATION_SORTS,
  RECOMMENDATION_STATUSES,
  type RecommendationFilters,
  type RecommendationRisk,
  type RecommendationSort,
  type RecommendationStatus,
  type XyzClassCode,
} from '@shelfcast/contracts';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

/** The filters shared by the list, bulk approval and export. */
export class RecommendationFiltersDto implements RecommendationFilters {
  @ApiPropertyOptional({ description: 'Store code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  store?: string;

  @ApiPropertyOptional({ description: 'Region of the stores' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: 'Category path prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  category?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C'] })
  @IsOptional()
  @IsIn(['A', 'B', 'C'])
  abc?: AbcClassCode;

  @ApiPropertyOptional({ enum: ['X', 'Y', 'Z'] })
  @IsOptional()
  @IsIn(['X', 'Y', 'Z'])
  xyz?: XyzClassCode;

  @ApiPropertyOptional({ enum: RECOMMENDATION_RISKS })
  @IsOptional()
  @IsIn(RECOMMENDATION_RISKS)
  risk?: RecommendationRisk;

  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;

  @ApiPropertyOptional({ description: 'SKU, product name or store code' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'Default: the latest generated run' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  runId?: string;
}

/** The list: filters, sort and a page. */
export class RecommendationQueryDto extends IntersectionType(
  RecommendationFiltersDto,
  PageQueryDto,
) {
  @ApiPropertyOptional({
    enum: RECOMMENDATION_SORTS,
    description: 'Default: valueAtRisk, highest first',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_SORTS)
  sort?: RecommendationSort;

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    description: 'Default: desc without a sort, else asc',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class BulkApproveDto {
  @ApiPropertyOptional({ type: RecommendationFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendationFiltersDto)
  filters: RecommendationFiltersDto = {};

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'Supplier code; default all suppliers' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supplier?: string;

  @ApiPropertyOptional({ description: 'Default: the latest generated run' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  runId?: string;
}
