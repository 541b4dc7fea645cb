import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateOverrideRequest,
  OVERRIDE_MODES,
  type OverrideMode,
} from '@shelfcast/contracts';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateOverrideDto implements CreateOverrideRequest {
  @ApiProperty({ description: 'Store code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  store!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku!: string;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  startDate!: string;

  @ApiProperty({ example: '2026-12-07' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  endDate!: string;

  @ApiProperty({ enum: OVERRIDE_MODES })
  @IsIn(OVERRIDE_MODES)
  mode!: OverrideMode;

  @ApiProperty({
    description: 'Units per period (per_period) or over the range (total)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10_000_000)
  value!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class OverrideQueryDto {
  @ApiPropertyOptional({ description: 'Store code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  store?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sku?: string;
}
