import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { loadTrainingConfig, TrainingConfig } from './training-config';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every environment variable the backend reads, validated once at boot.
 * Features never read process.env: they inject {@link AppConfig}.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  /** `sqlite:<path>` (default `sqlite:./data/shelfcast.db`) or `postgres://user@host:port/db`. */
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://…',
  })
  DATABASE_URL?: string;

  /** `if-empty` loads the demo data set when the database holds no sales; `never` does not. */
  @IsOptional()
  @IsIn(['if-empty', 'never'])
  SEED_DEMO?: 'if-empty' | 'never';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DEMO_STORES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DEMO_PRODUCTS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  DEMO_DAYS?: number;

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Where generated files live (demo CSVs, exports); default ./data. */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Directory holding the built dashboard; empty disables static serving. */
  @IsOptional()
  @IsString()
  DASHBOARD_DIR?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

export interface AppConfigValues {
  env: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  seedDemo: 'if-empty' | 'never';
  demo: { stores: number; products: number; days: number; seed: number };
  dataDir: string;
  corsOrigins: string[];
  dashboardDir: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  training: TrainingConfig;
}

/** Injection token and type of the validated configuration. */
export abstract class AppConfig implements AppConfigValues {
  abstract env: AppConfigValues['env'];
  abstract port: number;
  abstract database: DatabaseConfig;
  abstract seedDemo: AppConfigValues['seedDemo'];
  abstract demo: AppConfigValues['demo'];
  abstract dataDir: string;
  abstract corsOrigins: string[];
  abstract dashboardDir: string | null;
  abstract logLevel: AppConfigValues['logLevel'];
  abstract training: TrainingConfig;
}

export function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: './data/shelfcast.db' };
  if (url.startsWith('sqlite:'))
    return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  return { type: 'postgres', url };
}

/** Validates raw environment variables; throws one error listing every bad variable. */
export function loadConfig(
  raw: Record<string, string | undefined>,
): AppConfigValues {
  const env = plainToInstance(EnvironmentVariables, raw, {
    enableImplicitConversion: false,
  });
  const errors = validateSync(env, {
    skipMissingProperties: false,
    forbidUnknownValues: false,
  });
  const training = loadTrainingConfig(raw);
  if (errors.length > 0 || training.errors.length > 0) {
    const lines = errors
      .flatMap((e) =>
        Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`),
      )
      .concat(training.errors);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    env: env.NODE_ENV ?? 'development',
    port: env.PORT ?? 3000,
    database: parseDatabaseUrl(env.DATABASE_URL),
    seedDemo: env.SEED_DEMO ?? 'never',
    demo: {
      stores: env.DEMO_STORES ?? 20,
      products: env.DEMO_PRODUCTS ?? 200,
      days: env.DEMO_DAYS ?? 730,
      seed: 1,
    },
    dataDir: env.DATA_DIR ?? './data',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    // The production build's output; served when it exists (npm start builds it first).
    dashboardDir:
      env.DASHBOARD_DIR === undefined
        ? 'dist/frontend/dashboard/browser'
        : env.DASHBOARD_DIR || null,
    logLevel: env.LOG_LEVEL ?? 'log',
    training: training.value,
  };
}
