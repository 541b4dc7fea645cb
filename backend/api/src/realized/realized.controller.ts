import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  ANY_ROLE,
  CurrentStoreScope,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import {
  DriftFlagItem,
  IssuedForecast,
  IssuedQueryDto,
  ScoreRangeDto,
  RealizedAccuracyRow,
  RealizedQueryDto,
} from './dto/realized.dto';
import {
  RealizedScoringService,
  type ScoreResult,
} from './realized-scoring.service';
import { IssuedForecastsService } from './issued-forecasts.service';
import { RealizedService } from './realized.service';
import { RealizedException } from './realized.exception';
import { ApiController } from '../common/api-controller';

@ApiController('accuracy')
export class RealizedController {
  constructor(
    private readonly realizedService: RealizedService,
    private readonly scoring: RealizedScoringService,
    private readonly issuedForecasts: IssuedForecastsService,
  ) {}

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

  @Get('realized/issued')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'The forecasts of one series as issued at its latest past origins (P10/P50/P90 per target day), to lay over what sold; a store manager is refused other stores',
  })
  issued(
    @Query() query: IssuedQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<IssuedForecast[]> {
    return this.issuedForecasts.issued(query, scope);
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

  @Post('realized/score')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Score the issued forecasts of a range of days against the sales now stored (backfill, or imports that do not announce their days); days scored before rebuild their weeks',
  })
  score(@Body() body: ScoreRangeDto): Promise<ScoreResult> {
    if (body.from > body.to)
      throw new RealizedException('invalid', 'from must not be after to');
    return this.scoring.score(body.from, body.to);
  }
}
