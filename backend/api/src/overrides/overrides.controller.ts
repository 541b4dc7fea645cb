import { Body, Get, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ForecastOverrideDto, ValueAddedRow } from '@shelfcast/contracts';
import type { AuthUser } from '../common/identity/auth-user';
import {
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  DECIDERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { CreateOverrideDto, OverrideQueryDto } from './dto/override.dto';
import { OverridesService } from './overrides.service';
import { ApiController } from '../common/api-controller';

@ApiController('overrides')
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  @Post()
  @Roles(...DECIDERS)
  @ApiOperation({
    summary:
      "Override a series' forecast for a date range (managers: their stores only); the baseline is captured",
  })
  create(
    @Body() body: CreateOverrideDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<ForecastOverrideDto> {
    return this.overrides.create(body, user, scope);
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Overrides, newest first (store-scoped)' })
  list(
    @Query() query: OverrideQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<ForecastOverrideDto[]> {
    return this.overrides.list(query, scope);
  }

  @Get('value-added')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Forecast value added per user and store: WAPE of baseline vs final where actual sales exist',
  })
  valueAdded(@CurrentStoreScope() scope: StoreScope): Promise<ValueAddedRow[]> {
    return this.overrides.valueAdded(scope);
  }
}
