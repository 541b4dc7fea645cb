import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RunScopeType, TriggerRunRequest } from '@shelfcast/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class TriggerRunDto implements TriggerRunRequest {
  @ApiPropertyOptional({ enum: ['all', 'store', 'category'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'store', 'category'])
  scope?: RunScopeType;

  @ApiPropertyOptional({
    description: 'Store code (scope=store) or category path (scope=category)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;
}
