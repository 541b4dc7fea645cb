import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainExceptionFilter } from '../common/domain-exception.filter';
import type { AppConfigValues } from '../config/app-config';

export const API_PREFIX = 'api';

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the tests. */
export function configureApp(
  app: INestApplication,
  config: AppConfigValues,
): void {
  app.setGlobalPrefix(API_PREFIX);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // ECharts and Angular Material set inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    }),
  );
  app.enableCors(
    config.corsOrigins.length
      ? { origin: config.corsOrigins, credentials: true }
      : { origin: false },
  );
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Shelfcast API')
      .setDescription('Sales forecasting and inventory decisions for retailers')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document);

  if (config.dashboardDir) serveDashboard(app, resolve(config.dashboardDir));
}

/** The built dashboard at `/`, with the SPA's index.html for its client-side routes. */
function serveDashboard(app: INestApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith(`/${API_PREFIX}`))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
