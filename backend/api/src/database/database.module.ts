import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, type EntityList } from './data-source-options';
import {
  guardSqliteWrites,
  LOCKED_WRITER_BUSY_TIMEOUT_MS,
  type SqliteWriterOptions,
} from './sqlite-writer';

/** The writer settings of the options useFactory built (dataSourceFactory gets only those). */
const writerOptions = new WeakMap<object, SqliteWriterOptions>();

/**
 * The API's connection. The composition root passes the entity list (app/entities.ts) so this
 * shared folder never imports a feature.
 */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          // The API applies pending migrations at boot so a fresh clone starts with one command.
          useFactory: (config: AppConfig): DataSourceOptions => {
            const base = dataSourceOptions(config.database, entities);
            // Every write on the SQLite connection takes the process's write lock (guardSqliteWrites),
            // so SQLite's synchronous busy wait only covers a writer from another process: keep it short.
            const options: DataSourceOptions =
              base.type === 'better-sqlite3'
                ? {
                    ...base,
                    timeout: LOCKED_WRITER_BUSY_TIMEOUT_MS,
                    migrationsRun: true,
                  }
                : { ...base, migrationsRun: true };
            writerOptions.set(options, { writeWaitMs: config.dbWriteWaitMs });
            return options;
          },
          // Installed before initialize() so the boot migrations take the lock too.
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options as DataSourceOptions);
            const writer = options && writerOptions.get(options);
            if (writer) guardSqliteWrites(dataSource, writer);
            return dataSource.initialize();
          },
        }),
      ],
    };
  }
}
