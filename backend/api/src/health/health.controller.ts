import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HealthReport } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
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
}

const APP_VERSION = '0.1.0';
