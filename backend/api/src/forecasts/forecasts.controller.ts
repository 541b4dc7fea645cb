import { Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ANY_ROLE,
  CurrentStoreScope,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import type {
  AccuracyResponse,
  LevelAccuracyResponse,
  LevelForecastResponse,
  SeriesForecastResponse,
} from '@shelfcast/contracts';
import { LevelQueryDto } from './dto/level-query.dto';
import { ForecastQueryDto } from './forecast-query.dto';
import { ForecastsService } from './forecasts.service';
import { levelsCsv } from './levels/level-csv';
import { ForecastLevelsService } from './levels/forecast-levels.service';
import { ApiController } from '../common/api-controller';

@Roles(...ANY_ROLE)
@ApiController('forecasts')
export class ForecastsController {
  constructor(
    private readonly forecasts: ForecastsService,
    private readonly levels: ForecastLevelsService,
  ) {}

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

  @Get('levels')
  @ApiOperation({
    summary:
      "History and reconciled (coherent) P10/P50/P90 of one node at level chain|region|store|category|categoryStore|product|productStore, with its children one level down, the nodes of the level and the level's accuracy; store managers: store, categoryStore and productStore of their stores only",
  })
  level(
    @Query() query: LevelQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<LevelForecastResponse> {
    return this.levels.level(query, scope);
  }

  @Get('levels/accuracy')
  @ApiOperation({
    summary:
      "Accuracy of the reconciled forecasts per level on the serving run's most recent backtest window: mean MASE (reconciled and base) and P10–P90 coverage over the nodes the reader may open",
  })
  levelAccuracy(
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<LevelAccuracyResponse> {
    return this.levels.accuracy(scope);
  }

  @Get('levels/export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Reconciled P10/P50/P90 of every node of a level (the reader may open) per forecast date, as CSV',
  })
  async exportLevel(
    @Query() query: LevelQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.levels.exportRows(query.level, scope);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="forecast-${query.level}.csv"`,
    );
    res.setHeader('cache-control', 'no-store');
    res.send(levelsCsv(query.level, rows));
  }
}
