import { Get, Logger, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuditEntryDto, Page } from '@shelfcast/contracts';
import type { Response } from 'express';
import { Roles } from '../common/identity/decorators';
import { OutputClosedError } from '../common/tabular/backpressure';
import { writeAuditCsv } from './audit-csv';
import { AuditService } from './audit.service';
import { AuditFilterDto, AuditQueryDto } from './dto/audit-query.dto';
import { ApiController } from '../common/api-controller';

@ApiController('audit')
export class AuditController {
  private readonly logger = new Logger(AuditController.name);

  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'The audit log, newest first, filtered by user, action, entity and days (admin only)',
  })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    return this.audit.list(query);
  }

  @Get('actions')
  @Roles('admin')
  @ApiOperation({ summary: 'The actions recorded so far (admin only)' })
  actions(): Promise<string[]> {
    return this.audit.actions();
  }

  @Get('export.csv')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Every entry matching the filters as CSV, newest first, streamed (admin only)',
  })
  async export(
    @Query() filter: AuditFilterDto,
    @Res() res: Response,
  ): Promise<void> {
    const now = new Date();
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="audit-${now.toISOString().slice(0, 10)}.csv"`,
    );
    res.setHeader('cache-control', 'no-store');
    try {
      await writeAuditCsv(res, filter, this.audit.entries(filter), now);
    } catch (error) {
      if (error instanceof OutputClosedError) return;
      this.logger.error(
        'audit export failed while streaming',
        error instanceof Error ? error.stack : String(error),
      );
      res.destroy(error instanceof Error ? error : undefined);
    }
  }
}
