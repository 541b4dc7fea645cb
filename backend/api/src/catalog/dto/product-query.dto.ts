import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export class ProductQueryDto extends PageQueryDto {
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
}
