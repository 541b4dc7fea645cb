import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';
import { configureApp } from './app/app.setup';
import { loadConfig } from './config/app-config';
import { DemoSeeder } from './demo/demo.seeder';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: ['error', 'warn', 'log', 'debug', 'verbose'].slice(
      0,
      ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1,
    ) as ('error' | 'warn' | 'log')[],
  });
  configureApp(app, config);
  if (config.seedDemo === 'if-empty') await app.get(DemoSeeder).seedIfEmpty();
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  Logger.log(
    `Shelfcast is running: dashboard ${url}/ · API ${url}/api · OpenAPI ${url}/api/docs`,
    'Bootstrap',
  );
  Logger.log(
    `Database: ${config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL'}`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
