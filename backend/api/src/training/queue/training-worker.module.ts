import {
  DynamicModule,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AppConfig,
  type AppConfigValues,
  loadConfig,
} from '../../config/app-config';
import { AppConfigModule } from '../../config/config.module';
import { dataSourceOptions } from '../../database/data-source-options';
import { ForecastRun, TRAINING_ENTITIES } from '../entities';
import { ShardConsumer } from './shard-consumer';

/** Starts the BullMQ shard consumer with the process and drains it on shutdown. */
@Injectable()
export class ShardConsumerService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  readonly consumer: ShardConsumer;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const t = config.training;
    if (!t.redisUrl) throw new Error('The training worker needs REDIS_URL');
    this.consumer = new ShardConsumer({
      redisUrl: t.redisUrl,
      prefix: t.queuePrefix,
      concurrency: t.workers,
      db: config.database,
      inThread: t.inThread,
      runStatus: async (runId) =>
        (
          await this.dataSource
            .getRepository(ForecastRun)
            .findOne({ where: { id: runId }, select: { status: true } })
        )?.status ?? null,
      name: 'ShardConsumer',
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.close();
  }
}

/**
 * The worker app (`npm run worker`): configuration, a database connection (no migrations: the
 * API owns the schema) and the shard consumer. No HTTP server, no scheduler, no auth.
 */
@Module({})
export class TrainingWorkerModule {
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: TrainingWorkerModule,
      imports: [
        AppConfigModule.forValues(config),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            // The worker reads and writes training rows only.
            ...dataSourceOptions(c.database, TRAINING_ENTITIES),
            migrationsRun: false,
          }),
        }),
      ],
      providers: [ShardConsumerService],
    };
  }
}

/** Boots a worker process from the environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, TRAINING_*). */
export async function bootstrapTrainingWorker(
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const config = loadConfig(env);
  if (!config.training.redisUrl)
    throw new Error(
      'Invalid configuration:\n  REDIS_URL: required by the worker',
    );
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  const app = await NestFactory.createApplicationContext(
    TrainingWorkerModule.forRoot(config),
    { logger: [...levels.slice(0, levels.indexOf(config.logLevel) + 1)] },
  );
  app.enableShutdownHooks();
  Logger.log(
    `Training worker up: ${config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL'}, queue prefix ${config.training.queuePrefix}, ${config.training.workers} thread(s)`,
    'Worker',
  );
}
