import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class DecisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AdjustDto {
  @ApiProperty({
    description: 'Units to order: 0, or a multiple of the case pack ≥ MOQ',
  })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  quantity!: number;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class WhatIfQueryDto {
  @ApiPropertyOptional({
    description: 'Service level 0.5–0.9995 (default: the line’s target)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.5)
  @Max(0.9995)
  serviceLevel?: number;
}
