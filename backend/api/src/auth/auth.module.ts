import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, Reflector } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessRules } from './access-rules';
import { AuthBootstrap } from './auth-bootstrap';
import { AuthSecrets } from './auth-secrets';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LOGIN_THROTTLE_KEY } from './decorators';
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
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    AuthService,
    AccessRules,
    AuthBootstrap,
  ],
  exports: [AuthService, AccessRules, UsersModule],
})
export class AuthModule {}
