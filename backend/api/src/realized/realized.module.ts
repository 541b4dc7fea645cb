import { Module } from '@nestjs/common';
import { DriftService } from './drift.service';
import { FrozenForecastsService } from './frozen-forecasts.service';
import { IssuedForecastsService } from './issued-forecasts.service';
import { RealizedScoringService } from './realized-scoring.service';
import { RealizedController } from './realized.controller';
import { RealizedService } from './realized.service';

/** Issued forecasts kept as served, scored against the actuals that arrive later, and drift. */
@Module({
  controllers: [RealizedController],
  providers: [
    FrozenForecastsService,
    RealizedScoringService,
    DriftService,
    RealizedService,
    IssuedForecastsService,
  ],
  exports: [FrozenForecastsService, RealizedScoringService],
})
export class RealizedModule {}
