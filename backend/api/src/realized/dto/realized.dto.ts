import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  HORIZON_BUCKETS,
  REALIZED_LEVELS,
  type RealizedLevel,
} from '../realized-math';

export type {
  DriftFlagItem,
  IssuedForecast,
  RealizedAccuracyRow,
} from '@shelfcast/contracts';

export class RealizedQueryDto {
  @ApiPropertyOptional({ enum: REALIZED_LEVELS, default: 'chain' })
  @IsOptional()
  @IsIn(REALIZED_LEVELS)
  level?: RealizedLevel;

  @ApiPropertyOptional({ enum: [...HORIZON_BUCKETS, 'all'], default: 'all' })
  @IsOptional()
  @IsIn([...HORIZON_BUCKETS, 'all'])
  bucket?: string;

  @ApiPropertyOptional({
    description: 'Only this scope key (e.g. a store id, a category)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  scope?: string;

  @ApiPropertyOptional({
    example: '2026-01-05',
    description: 'First week (Monday) or day',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-30' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @ApiPropertyOptional({ default: 2000, maximum: 20000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20000)
  limit?: number;
}

export class ScoreRangeDto {
  @ApiProperty({
    example: '2026-11-02',
    description: 'First day of actuals to score',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be yyyy-mm-dd' })
  from!: string;

  @ApiProperty({ example: '2026-11-08', description: 'Last day (inclusive)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be yyyy-mm-dd' })
  to!: string;
}

export class IssuedQueryDto {
  @ApiProperty({ example: 'S001', description: 'Store code' })
  @IsString()
  @MaxLength(100)
  store!: string;

  @ApiProperty({ example: 'P001', description: 'Product SKU' })
  @IsString()
  @MaxLength(100)
  sku!: string;

  @ApiPropertyOptional({
    default: 5,
    maximum: 20,
    description: 'How many of the latest origins to return',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  origins?: number;
}
