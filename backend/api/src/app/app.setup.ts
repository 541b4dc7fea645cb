import { HttpStatus, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DomainExceptionFilter,
  type ErrorBody,
} from '../common/domain-exception.filter';
import { turnBudget } from '../common/turn-budget';
import type { AppConfigValues } from '../config/app-config';
import { API_PREFIX } from '../common/api-prefix';

export { API_PREFIX };

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the tests. */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfigValues,
): void {
  app.setGlobalPrefix(API_PREFIX);
  // Behind a reverse proxy the client IP (for throttling) comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  // First, so that a burst of requests never holds the event loop for more than about one budget.
  if (config.requestTurnBudgetMs > 0)
    app.use(turnBudget({ budgetMs: config.requestTurnBudgetMs }));
  app.use(securityHeaders(config.security.forceHttps));
  app.enableCors(
    config.corsOrigins.length
      ? { origin: config.corsOrigins, credentials: true }
      : { origin: false },
  );
  limitBodies(app, config.bodyLimit);
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

/**
 * Helmet's defaults assume HTTPS: HSTS, and a CSP with `upgrade-insecure-requests`, which makes the
 * browser fetch every script of a plain-HTTP intranet deployment (http://host:3000) over https — a
 * blank page (and Cross-Origin-Opener-Policy, which such an origin ignores with a console error).
 * They are sent only when the request came over HTTPS (directly, or per
 * X-Forwarded-Proto from a trusted proxy: `req.secure` with the trust-proxy setting) or when
 * SECURITY_FORCE_HTTPS says the deployment is HTTPS-only.
 */
function securityHeaders(forceHttps: boolean) {
  const directives = {
    // ECharts and Angular Material set inline styles; scripts stay same-origin only.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
  };
  const secure = helmet({ contentSecurityPolicy: { directives } });
  const plain = helmet({
    contentSecurityPolicy: {
      directives: { ...directives, 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: false,
    // Ignored by browsers on an untrustworthy (plain-HTTP, non-localhost) origin, with a console error.
    crossOriginOpenerPolicy: false,
  });
  return (req: Request, res: Response, next: NextFunction) =>
    (forceHttps || req.secure ? secure : plain)(req, res, next);
}

/**
 * JSON and form bodies are parsed here with a size limit (before Nest's own parsers, which then
 * skip); their errors get the one error body. CSV uploads (multipart, text/csv) stream untouched.
 */
function limitBodies(app: NestExpressApplication, limit: string): void {
  const parsers = [
    express.json({ limit }),
    express.urlencoded({ limit, extended: false }),
  ];
  for (const parse of parsers) {
    app.use((req: Request, res: Response, next: NextFunction) =>
      parse(req, res, (error?: unknown) => {
        if (!error) return next();
        const status = (error as { status?: number }).status ?? 400;
        const body: ErrorBody = {
          statusCode: status,
          error:
            status === HttpStatus.PAYLOAD_TOO_LARGE
              ? 'PayloadTooLargeException'
              : 'BadRequestException',
          message:
            status === HttpStatus.PAYLOAD_TOO_LARGE
              ? `The request body is larger than ${limit}`
              : 'The request body is not valid JSON or form data',
        };
        res.status(status).json(body);
      }),
    );
  }
}

/** The built dashboard at `/`, with the SPA's index.html for its client-side routes. */
function serveDashboard(app: NestExpressApplication, dir: string): void {
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
