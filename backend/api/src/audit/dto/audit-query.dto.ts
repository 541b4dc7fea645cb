import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The audit log's filters (the list's and the CSV export's). */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'Exact action, e.g. user.create' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'Exact entity, e.g. user' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Who did it (user id)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  actorId?: number;

  @ApiPropertyOptional({ description: 'First day (UTC), yyyy-mm-dd' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'from must be a date yyyy-mm-dd' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day (UTC, inclusive), yyyy-mm-dd',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'to must be a date yyyy-mm-dd' })
  to?: string;
}

export class AuditQueryDto extends IntersectionType(
  PageQueryDto,
  AuditFilterDto,
) {
  /** The audit log pages by 100 (the bounds and validation are PageQueryDto's). */
  @ApiPropertyOptional({
    type: 'integer',
    default: 100,
    minimum: 1,
    maximum: 500,
  })
  override limit = 100;
}
