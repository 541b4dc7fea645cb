import {
  Body,
  DefaultValuePipe,
  Get,
  HttpCode,
  MessageEvent,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/identity/auth-user';
import type { StoreScope } from '../common/identity/store-scope';
import {
  AllowSseTicket,
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type {
  RunDetail,
  RunMetrics,
  RunSummary,
  TrainingSchedule,
} from '@shelfcast/contracts';
import { concat, map, Observable, of } from 'rxjs';
import { TriggerRunDto } from './dto/trigger-run.dto';
import { TrainingProgressService } from './training-progress.service';
import { TrainingScheduler } from './training.scheduler';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';
import { TrainingRunQueries } from './training-run-queries.service';
import { ApiController } from '../common/api-controller';

@ApiController('training')
export class TrainingController {
  constructor(
    private readonly runs: TrainingRunLifecycle,
    private readonly queries: TrainingRunQueries,
    private readonly progress: TrainingProgressService,
    private readonly audit: AuditService,
    private readonly scheduler: TrainingScheduler,
  ) {}

  @Roles(...ANY_ROLE)
  @Get('schedule')
  @ApiOperation({
    summary:
      'Nightly retrain: cron pattern, time zone, whether it is enabled, and the next three ticks (UTC ISO)',
  })
  schedule(): TrainingSchedule {
    return this.scheduler.schedule();
  }

  @Roles(...ANY_ROLE)
  // EventSource cannot send headers: the dashboard passes a one-time ?ticket= here.
  @AllowSseTicket()
  @Sse('events')
  @ApiOperation({
    summary:
      'Progress of the active run with an ETA (Server-Sent Events of RunProgress)',
  })
  events(@CurrentStoreScope() scope: StoreScope): Observable<MessageEvent> {
    const latest = this.progress.latest;
    return concat(latest ? of(latest) : of(), this.progress.events).pipe(
      // A rejection's message quotes chain-wide WAPEs: not for store managers.
      map((p) => ({
        data:
          scope.kind === 'stores' && p.status === 'rejected'
            ? { ...p, message: null }
            : p,
      })),
    );
  }

  @Roles(...ANY_ROLE)
  @Get('runs')
  @ApiOperation({
    summary:
      'Training runs, newest first (store managers: runs of the chain or their stores, WAPE over their stores, no champion comparison)',
  })
  list(
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RunSummary[]> {
    return this.queries.list(Math.min(Math.max(limit, 1), 500), scope);
  }

  @Roles(...ANY_ROLE)
  @Get('runs/:id')
  @ApiOperation({
    summary:
      'One run: phases, errors, log excerpt (store managers: their stores’ errors and WAPE, no log)',
  })
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RunDetail> {
    return this.queries.get(id, scope);
  }

  @Roles(...ANY_ROLE)
  @Get('runs/:id/metrics')
  @ApiOperation({
    summary:
      'Backtest metrics of a run: overall, per category, per store (store managers: computed over their stores only)',
  })
  metrics(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RunMetrics> {
    return this.queries.metrics(id, scope);
  }

  @Roles(...PLANNERS)
  @Post('runs')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Retrain now (all, one store or one category); 409 with activeRunId when a run is active',
  })
  async trigger(
    @Body() body: TriggerRunDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RunDetail> {
    const run = await this.runs.trigger({
      scope: body.scope,
      key: body.key,
      trigger: 'manual',
      requestedBy: user.email,
    });
    await this.audit.record({
      actor: user,
      action: 'training.trigger',
      entity: 'forecast_run',
      entityId: run.id,
      after: { scope: run.scope, key: run.scopeKey },
    });
    return run;
  }

  @Roles(...PLANNERS)
  @Post('runs/:id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel an active run (the champion keeps serving)',
  })
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<RunDetail> {
    const run = await this.runs.cancel(id);
    await this.audit.record({
      actor: user,
      action: 'training.cancel',
      entity: 'forecast_run',
      entityId: id,
    });
    return run;
  }
}
