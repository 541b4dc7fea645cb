import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import type { AppConfigValues } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { DataModule } from '../data/data.module';
import { DatabaseModule } from '../database/database.module';
import { ALL_ENTITIES } from './entities';
import { HealthModule } from '../health/health.module';
import { DemoModule } from '../demo/demo.module';
import { ForecastsModule } from '../forecasts/forecasts.module';
import { ImportsModule } from '../imports/imports.module';
import { TrainingModule } from '../training/training.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { UsersModule } from '../users/users.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { PolicyProofModule } from '../policy-proof/policy-proof.module';
import { OverridesModule } from '../overrides/overrides.module';
import { ReportsModule } from '../reports/reports.module';
import { OverviewModule } from '../overview/overview.module';
import { AffinityModule } from '../affinity/affinity.module';
import { loggerParams } from './logging';
import { NotificationsModule } from '../notifications/notifications.module';
import { RealizedModule } from '../realized/realized.module';

@Module({})
export class AppModule {
  /** The whole API for a validated configuration (tests pass their own database). */
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forValues(config),
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule.forRoot(ALL_ENTITIES),
        AuditModule,
        PrivacyModule,
        AuthModule,
        UsersModule,
        HealthModule,
        CatalogModule,
        ImportsModule,
        DataModule,
        DemoModule,
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        TrainingModule,
        ForecastsModule,
        OverridesModule,
        RecommendationsModule,
        PolicyProofModule,
        OverviewModule,
        AffinityModule,
        ReportsModule,
        NotificationsModule,
        RealizedModule,
      ],
    };
  }
}
