import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ProductQueryDto {
  /** Matches sku, name or brand (case-insensitive substring). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  /** A category path; products in it or any subcategory. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  category?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}
