import { Module } from '@nestjs/common';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** The overview page's KPIs: sales against last year, forecast, accuracy, inventory risk. */
@Module({
  controllers: [OverviewController],
  providers: [OverviewService],
})
export class OverviewModule {}
