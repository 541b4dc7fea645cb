import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { OverviewResponse } from '@shelfcast/contracts';
import {
  ANY_ROLE,
  CurrentStoreScope,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { OverviewQueryDto } from './dto/overview-query.dto';
import { OverviewService } from './overview.service';
import { ApiController } from '../common/api-controller';

@ApiController('overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Roles(...ANY_ROLE)
  @Get()
  @ApiOperation({
    summary:
      'KPIs of a scope (chain, region, store, category): sales of 7/28 days vs last year, forecast of the next 7/28 days, accuracy over the last 4 weeks, stock-out risk, excess value, pending approvals, sparklines',
  })
  get(
    @Query() query: OverviewQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<OverviewResponse> {
    return this.overview.overview(query, scope);
  }
}
