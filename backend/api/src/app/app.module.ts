import { DynamicModule, Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import type { AppConfigValues } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { DataModule } from '../data/data.module';
import { DatabaseModule } from '../database/database.module';
import { HealthModule } from '../health/health.module';
import { DemoModule } from '../demo/demo.module';
import { ImportsModule } from '../imports/imports.module';

@Module({})
export class AppModule {
  /** The whole API for a validated configuration (tests pass their own database). */
  static forRoot(config: AppConfigValues): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forValues(config),
        DatabaseModule,
        HealthModule,
        CatalogModule,
        ImportsModule,
        DataModule,
        DemoModule,
      ],
    };
  }
}
