import { Module } from '@nestjs/common';
import { ForecastsController } from './forecasts.controller';
import { ForecastsService } from './forecasts.service';
import { ForecastLevelsService } from './levels/forecast-levels.service';

/** Read side of forecasts: the served run's values, history, accuracy, reconciled levels. */
@Module({
  controllers: [ForecastsController],
  providers: [ForecastsService, ForecastLevelsService],
  exports: [ForecastsService],
})
export class ForecastsModule {}
