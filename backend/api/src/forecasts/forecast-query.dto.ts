import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ForecastLevel } from '@shelfcast/contracts';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ForecastQueryDto {
  @ApiPropertyOptional({
    enum: ['series', 'product', 'category', 'store', 'chain'],
    description: 'Default: series when store and sku are given',
  })
  @IsOptional()
  @IsIn(['series', 'product', 'category', 'store', 'chain'])
  level?: ForecastLevel;

  @ApiPropertyOptional({ description: 'Store code' })
  @IsOptional()
  @IsString()
  store?: string;

  @ApiPropertyOptional({ description: 'Product SKU' })
  @IsOptional()
  @IsString()
  sku?: string;

  @ApiPropertyOptional({ description: 'Category path (prefix)' })
  @IsOptional()
  @IsString()
  category?: string;

  @ApiPropertyOptional({ description: 'Days of history (default 180)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined ? undefined : Number(value),
  )
  @IsInt()
  @Min(1)
  @Max(3660)
  historyDays?: number;

  @ApiPropertyOptional({
    description:
      'Name of a market-trend signal to return over the window (one of `signals` in the response)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signal?: string;
}
