import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ForecastLevel } from '@shelfcast/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

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
}
