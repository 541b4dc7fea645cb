import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ANY_ROLE,
  CurrentStoreScope,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import type {
  AccuracyResponse,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { ForecastQueryDto } from './forecast-query.dto';
import { ForecastsService } from './forecasts.service';

@ApiTags('forecasts')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  @Get('series')
  @ApiOperation({
    summary:
      'History, serving P10/P50/P90 forecast, backtest metrics, model and drivers of a series or an aggregate (level=product|category|store|chain)',
  })
  series(
    @Query() query: ForecastQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<SeriesForecastResponse> {
    return this.forecasts.series(query, scope);
  }

  @Get('accuracy')
  @ApiOperation({
    summary:
      'Champion (serving run) backtest accuracy overall, per category and per store',
  })
  accuracy(@CurrentStoreScope() scope: StoreScope): Promise<AccuracyResponse> {
    return this.forecasts.accuracy(scope);
  }
}
