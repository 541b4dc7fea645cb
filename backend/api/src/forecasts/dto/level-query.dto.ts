import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HIERARCHY_LEVELS, type HierarchyLevel } from '@shelfcast/contracts';
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

/** GET /api/forecasts/levels and /levels/export. */
export class LevelQueryDto {
  @ApiProperty({ enum: HIERARCHY_LEVELS })
  @IsIn(HIERARCHY_LEVELS)
  level!: HierarchyLevel;

  @ApiPropertyOptional({
    description:
      'Region name, store code, top-level category or SKU (needed for every level but chain; default: the first node the reader may open)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  key?: string;

  @ApiPropertyOptional({ description: 'Days of history (default 180)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === undefined ? undefined : Number(value),
  )
  @IsInt()
  @Min(1)
  @Max(730)
  historyDays?: number;
}
