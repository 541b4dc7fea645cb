import { Module } from '@nestjs/common';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reports and exports: CSV/XLSX/PDF downloads and scheduled reports written after the nightly run. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportSchedulesService],
  exports: [ReportsService, ReportSchedulesService],
})
export class ReportsModule {}
