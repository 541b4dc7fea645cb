import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports and exports: CSV/XLSX/PDF downloads and scheduled reports written after the nightly run. */
@Module({
  imports: [RecommendationsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportSchedulesService],
  exports: [ReportsService, ReportSchedulesService],
})
export class ReportsModule {}
