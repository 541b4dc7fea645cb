import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../common/clock';
import { AppConfig, AppConfigValues, loadConfig } from './app-config';

/**
 * Validates the environment once at boot and provides it typed as {@link AppConfig}, with the
 * {@link Clock} (tests replace its methods to fix "today").
 * Tests pass explicit values with {@link AppConfigModule.forValues}.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forEnvironment(
    env: Record<string, string | undefined> = process.env,
  ): DynamicModule {
    return AppConfigModule.forValues(loadConfig(env));
  }

  static forValues(values: AppConfigValues): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: values },
        { provide: Clock, useValue: new SystemClock() },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
