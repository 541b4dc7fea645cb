import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthReport } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { Public } from '../common/identity/decorators';
import { AppConfig } from '../config/app-config';

/** Longest the readiness probe waits for the database before answering 503. */
const READY_PING_TIMEOUT_MS = 1000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly checks: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability (public)' })
  async health(): Promise<HealthReport> {
    const started = performance.now();
    const database: HealthReport['database'] = {
      type: this.config.database.type,
      ok: true,
      latencyMs: 0,
    };
    try {
      // A read: on SQLite (WAL) it does not wait for a writer, so this stays fast while busy.
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      database.ok = false;
      database.error = error instanceof Error ? error.message : String(error);
    }
    database.latencyMs = Math.round((performance.now() - started) * 100) / 100;
    return {
      status: database.ok ? 'ok' : 'degraded',
      version: APP_VERSION,
      database,
    };
  }

  /**
   * Liveness: the process and its event loop answer. Touches no database, so a busy or
   * unreachable database never gets a healthy process restarted.
   */
  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process answers (no database check; public)',
  })
  live(): Promise<HealthCheckResult> {
    return this.checks.check([
      async () => ({
        process: {
          status: 'up',
          pid: process.pid,
          uptimeSeconds: Math.round(process.uptime()),
        },
      }),
    ]);
  }

  /**
   * Readiness: the database answers a ping within a short timeout (503 otherwise). On SQLite the
   * ping is a read on the main connection, which in WAL mode does not wait for a writer.
   */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database answers a ping (503 when not; public)',
  })
  ready(): Promise<HealthCheckResult> {
    return this.checks.check([
      () =>
        this.db.pingCheck('database', {
          connection: this.dataSource,
          timeout: READY_PING_TIMEOUT_MS,
        }),
    ]);
  }
}

const APP_VERSION = '0.1.0';
