import { ApiPropertyOptional } from '@nestjs/swagger';
import { OVERVIEW_SCOPES, type OverviewScope } from '@shelfcast/contracts';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

export class OverviewQueryDto {
  @ApiPropertyOptional({ enum: OVERVIEW_SCOPES, default: 'chain' })
  @IsOptional()
  @IsIn(OVERVIEW_SCOPES)
  scope?: OverviewScope;

  @ApiPropertyOptional({
    description:
      'Region name (scope=region), store code (scope=store) or category path prefix (scope=category)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;

  @ApiPropertyOptional({
    description:
      'Last day counted as today, YYYY-MM-DD (default: the last sales date in the data)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be YYYY-MM-DD' })
  asOf?: string;
}
