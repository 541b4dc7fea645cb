import {
  Body,
  Delete,
  Get,
  Headers,
  HttpCode,
  Logger,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type {
  ReportDefinitionDto,
  ReportFileDto,
  ReportScheduleDto,
} from '@shelfcast/contracts';
import type { Response } from 'express';
import type { AuthUser } from '../common/identity/auth-user';
import {
  ALL_STORE_ROLES,
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { FileQueryDto } from './dto/file-query.dto';
import { ReportQueryDto } from './dto/report-query.dto';
import { localeFromAcceptLanguage } from './writers/report-locale';
import { CreateReportScheduleDto } from './dto/report-schedule.dto';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsService } from './reports.service';
import { streamDownload } from '../common/stream-download';
import { OutputClosedError } from '../common/tabular/backpressure';
import { ApiController } from '../common/api-controller';

/** `attachment; filename=…` with only safe characters. */
function disposition(name: string): string {
  return `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}"`;
}

@ApiController('reports')
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(
    private readonly reports: ReportsService,
    private readonly schedules: ReportSchedulesService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'The reports, their formats, filters and sections' })
  list(): ReportDefinitionDto[] {
    return this.reports.definitions();
  }

  @Get('schedules')
  @Roles(...ALL_STORE_ROLES)
  @ApiOperation({
    summary: 'Scheduled reports (all-store files: not for store managers)',
  })
  listSchedules(): Promise<ReportScheduleDto[]> {
    return this.schedules.list();
  }

  @Post('schedules')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Schedule a report: written after the nightly run once its cron has fired',
  })
  createSchedule(
    @Body() body: CreateReportScheduleDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReportScheduleDto> {
    return this.schedules.create(body, user);
  }

  @Delete('schedules/:id')
  @Roles(...PLANNERS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a schedule with its history and files' })
  deleteSchedule(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.schedules.remove(id, user);
  }

  @Get('files')
  @Roles(...ALL_STORE_ROLES)
  @ApiOperation({ summary: 'Files written by schedules, newest first' })
  files(@Query() query: FileQueryDto): Promise<ReportFileDto[]> {
    return this.schedules.history(query.scheduleId, query.limit);
  }

  @Get('files/:id')
  @Roles(...ALL_STORE_ROLES)
  @ApiOperation({ summary: 'Download one written file' })
  async file(
    @Param('id', ParseIntPipe) id: number,
    @Res() res: Response,
  ): Promise<void> {
    const { file, stream, bytes } = await this.schedules.open(id);
    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[file.format]);
    res.setHeader('content-length', String(bytes));
    res.setHeader(
      'content-disposition',
      disposition(file.fileName.split('/').pop() ?? file.fileName),
    );
    // pipeline, not pipe: a client that disconnects also closes the file.
    await streamDownload(res, stream);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Export a report as csv, xlsx or pdf (streamed; store managers get their stores only; the filters are echoed in the file)',
  })
  async export(
    @Param('id') id: string,
    @Query() query: ReportQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    const { format = 'csv', section, bom, locale, ...filters } = query;
    const prepared = await this.reports.prepare(
      {
        reportId: id,
        format,
        filters,
        section,
        bom,
        locale: locale ?? localeFromAcceptLanguage(acceptLanguage),
      },
      scope,
    );
    res.status(200);
    res.setHeader('content-type', prepared.contentType);
    res.setHeader('content-disposition', disposition(prepared.fileName));
    res.setHeader('cache-control', 'no-store');
    try {
      await this.reports.write(res, prepared);
    } catch (error) {
      if (error instanceof OutputClosedError) {
        this.logger.warn(`export ${id} (${format}): the client went away`);
        return;
      }
      // Headers are gone: the only honest signal left is a broken download.
      this.logger.error(
        `export ${id} (${format}) failed while streaming`,
        error instanceof Error ? error.stack : String(error),
      );
      res.destroy(error instanceof Error ? error : undefined);
    }
  }
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};
