import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentStoreScope, Roles } from '../auth/decorators';
import type { StoreScope } from '../auth/store-scope';
import {
  DriftFlagItem,
  RealizedAccuracyRow,
  RealizedQueryDto,
} from './dto/realized.dto';
import { RealizedService } from './realized.service';

@ApiTags('accuracy')
@ApiBearerAuth()
@Controller('accuracy')
export class RealizedController {
  constructor(private readonly realizedService: RealizedService) {}

  @Get('realized')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Realized accuracy of issued forecasts per week (WAPE, bias, MASE, P10–P90 coverage) by level and horizon bucket, beside the backtest WAPE; store managers see their stores only',
  })
  realized(
    @Query() query: RealizedQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RealizedAccuracyRow[]> {
    return this.realizedService.realized(query, scope);
  }

  @Get('drift')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Drift flags: scopes whose realized accuracy left the backtest for k weeks, newest first',
  })
  drift(@CurrentStoreScope() scope: StoreScope): Promise<DriftFlagItem[]> {
    return this.realizedService.driftFlags(scope);
  }
}
