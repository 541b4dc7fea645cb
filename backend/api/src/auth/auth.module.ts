import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, Reflector } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessRules } from './access-rules';
import { AuthBootstrap } from './auth-bootstrap';
import { AuthSecrets } from './auth-secrets';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LOGIN_THROTTLE_KEY } from '../common/identity/decorators';
import { SseTicketService } from './sse-tickets.service';
import { AppThrottlerGuard } from './throttler.guard';
import { WindowThrottlerStorage } from './window-throttler-storage';

/**
 * Authentication and authorization for the whole API. Registers, in this order, the global
 * throttler (every route per client IP, plus the strict login limit) and the global AuthGuard.
 */
@Module({
  imports: [
    DiscoveryModule,
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const secrets = new AuthSecrets(config);
        return { secretOrKeyProvider: () => secrets.jwtKey };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const reflector = new Reflector();
        return {
          storage: new WindowThrottlerStorage(),
          throttlers: [
            {
              name: 'default',
              ttl: config.throttle.ttlSeconds * 1000,
              limit: config.throttle.limit,
            },
            {
              name: 'login',
              ttl: config.throttle.loginTtlSeconds * 1000,
              limit: config.throttle.loginLimit,
              skipIf: (context) =>
                !reflector.get<boolean | undefined>(
                  LOGIN_THROTTLE_KEY,
                  context.getHandler(),
                ),
            },
          ],
          errorMessage: 'Too many requests; wait a minute and try again',
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    AuthService,
    SseTicketService,
    AccessRules,
    AuthBootstrap,
  ],
  exports: [AuthService, AccessRules, UsersModule],
})
export class AuthModule implements NestModule {
  /** Tokens and session state must never sit in a browser or proxy cache. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((_req: Request, res: Response, next: NextFunction) => {
        res.setHeader('Cache-Control', 'no-store');
        next();
      })
      .forRoutes(AuthController);
  }
}
