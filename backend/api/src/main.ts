import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app/app.module';
import { configureApp } from './app/app.setup';
import { installProcessGuards } from './common/process-guards';
import { loadConfig } from './config/app-config';
import { DemoSeeder } from './demo/demo.seeder';
import { DemoUsers } from './users/demo-users';

async function bootstrap(): Promise<void> {
  installProcessGuards();
  const config = loadConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    // Held until the JSON logger (pino, level LOG_LEVEL) takes over: every line is structured.
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  configureApp(app, config);
  const demoUsers =
    config.seedDemo === 'if-empty'
      ? await (async () => {
          await app.get(DemoSeeder).seedIfEmpty();
          return app.get(DemoUsers).ensure();
        })()
      : [];
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
  if (demoUsers.length) {
    const lines = demoUsers.map(
      (u) =>
        `  ${u.role.padEnd(14)} ${u.email.padEnd(26)} ${u.password}${u.storeCodes.length ? `  (stores ${u.storeCodes.join(', ')})` : ''}`,
    );
    Logger.log(
      `Created the demo users (demo only: change or delete them before real use):\n${lines.join('\n')}`,
      'Bootstrap',
    );
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
