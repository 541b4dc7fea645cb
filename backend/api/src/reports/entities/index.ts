import { ReportFile } from './report-file.entity';
import { ReportSchedule } from './report-schedule.entity';

/** The reports feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const REPORTS_ENTITIES = [ReportSchedule, ReportFile];
