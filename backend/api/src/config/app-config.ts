import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { AlertsConfig, loadAlertsConfig } from './alerts-config';
import { loadTrainingConfig, TrainingConfig } from './training-config';
import { ImportsConfig, loadImportsConfig } from './imports-config';
import {
  loadRecommendationsConfig,
  RecommendationsConfig,
} from './recommendations-config';
import { loadSecurityConfig, SecurityConfig } from './security-config';
import { loadMoneyConfig, type MoneyConfig } from './money-config';
import { toNumber } from './env-parsing';

/**
 * Every environment variable the backend reads, validated once at boot.
 * Features never read process.env: they inject {@link AppConfig}.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toNumber)
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
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  DEMO_STORES?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  DEMO_PRODUCTS?: number;

  @IsOptional()
  @Transform(toNumber)
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

  /** Where scheduled reports are written; default DATA_DIR/reports. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  REPORTS_DIR?: string;

  /** Directory holding the built dashboard; empty disables static serving. */
  @IsOptional()
  @IsString()
  DASHBOARD_DIR?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  /** HMAC secret for access tokens; when unset one is generated once and kept under DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** Access-token lifetime in seconds (default 900 = 15 min). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL?: number;

  /** Refresh-token lifetime in seconds (default 604800 = 7 days). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL?: number;

  /** The first admin, created at start when no admin exists (both or neither). */
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  /** Requests per client IP per THROTTLE_TTL seconds on every route (default 600 per 60 s). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  THROTTLE_TTL?: number;

  /** Login attempts per client IP per LOGIN_THROTTLE_TTL seconds (default 5 per 60 s). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_TTL?: number;

  /** Largest JSON or form body accepted (streamed CSV uploads are not limited by it); default 1mb. */
  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/, {
    message: 'BODY_LIMIT must look like 100kb or 1mb',
  })
  BODY_LIMIT?: string;

  /**
   * Longest stretch (ms) one event-loop turn spends starting HTTP requests before the rest wait
   * for the next turn; 0 turns the pacing off. Default 20.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(1000)
  REQUEST_TURN_BUDGET_MS?: number;

  /** Longest a request waits for the SQLite write lock before failing with 503 (ms). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(600000)
  DB_WRITE_WAIT_MS?: number;

  /** Salt for hashing customer ids (basket/loyalty data); generated under DATA_DIR when unset. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  CUSTOMER_ID_SALT?: string;
}

export interface AuthConfig {
  /** null: generate one on first start and persist it under dataDir. */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  initialAdmin: { email: string; password: string } | null;
}

export interface ThrottleConfig {
  ttlSeconds: number;
  limit: number;
  loginTtlSeconds: number;
  loginLimit: number;
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
  /** Scheduled reports' directory; null: `<dataDir>/reports`. */
  reportsDir: string | null;
  corsOrigins: string[];
  dashboardDir: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  training: TrainingConfig;
  recommendations: RecommendationsConfig;
  /** Plausibility rules and size limits of CSV imports. */
  imports: ImportsConfig;
  money: MoneyConfig;
  alerts: AlertsConfig;
  auth: AuthConfig;
  throttle: ThrottleConfig;
  /** HTTPS-only headers and per-account login back-off. */
  security: SecurityConfig;
  bodyLimit: string;
  /** Per-turn budget for starting requests (ms); 0: off. */
  requestTurnBudgetMs: number;
  /** null: generate one on first start and persist it under dataDir. */
  customerIdSalt: string | null;
  /** SQLite: the bounded wait of a write for the process's write lock (ms). */
  dbWriteWaitMs: number;
}

/** Injection token and type of the validated configuration. */
export abstract class AppConfig implements AppConfigValues {
  abstract env: AppConfigValues['env'];
  abstract port: number;
  abstract database: DatabaseConfig;
  abstract seedDemo: AppConfigValues['seedDemo'];
  abstract demo: AppConfigValues['demo'];
  abstract dataDir: string;
  abstract reportsDir: string | null;
  abstract corsOrigins: string[];
  abstract dashboardDir: string | null;
  abstract logLevel: AppConfigValues['logLevel'];
  abstract training: TrainingConfig;
  abstract recommendations: RecommendationsConfig;
  abstract imports: ImportsConfig;
  abstract money: MoneyConfig;
  abstract alerts: AlertsConfig;
  abstract auth: AuthConfig;
  abstract throttle: ThrottleConfig;
  abstract security: SecurityConfig;
  abstract bodyLimit: string;
  abstract requestTurnBudgetMs: number;
  abstract customerIdSalt: string | null;
  abstract dbWriteWaitMs: number;
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
  const recommendations = loadRecommendationsConfig(raw);
  const imports = loadImportsConfig(raw, training.value.horizonDays);
  const security = loadSecurityConfig(raw);
  const money = loadMoneyConfig(raw);
  const alerts = loadAlertsConfig(raw);
  if (
    errors.length > 0 ||
    training.errors.length > 0 ||
    recommendations.errors.length > 0 ||
    imports.errors.length > 0 ||
    security.errors.length > 0 ||
    money.errors.length > 0 ||
    alerts.errors.length > 0
  ) {
    const lines = errors
      .flatMap((e) =>
        Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`),
      )
      .concat(training.errors)
      .concat(recommendations.errors)
      .concat(imports.errors)
      .concat(security.errors)
      .concat(money.errors)
      .concat(alerts.errors);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    throw new Error(
      'Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    );
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
    reportsDir: env.REPORTS_DIR ?? null,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    // The production build's output; served when it exists (npm start builds it first).
    dashboardDir:
      env.DASHBOARD_DIR === undefined
        ? 'dist/frontend/dashboard/browser'
        : env.DASHBOARD_DIR || null,
    // Tests print only errors (request lines would drown their output) unless asked.
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'error' : 'log'),
    training: training.value,
    recommendations: recommendations.value,
    imports: imports.value,
    money: money.value,
    alerts: alerts.value,
    auth: {
      jwtSecret: env.JWT_SECRET ?? null,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL ?? 900,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL ?? 7 * 24 * 3600,
      initialAdmin:
        env.ADMIN_EMAIL && env.ADMIN_PASSWORD
          ? {
              email: env.ADMIN_EMAIL.toLowerCase(),
              password: env.ADMIN_PASSWORD,
            }
          : null,
    },
    throttle: {
      ttlSeconds: env.THROTTLE_TTL ?? 60,
      limit: env.THROTTLE_LIMIT ?? 600,
      loginTtlSeconds: env.LOGIN_THROTTLE_TTL ?? 60,
      loginLimit: env.LOGIN_THROTTLE_LIMIT ?? 5,
    },
    security: security.value,
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    requestTurnBudgetMs: env.REQUEST_TURN_BUDGET_MS ?? 20,
    customerIdSalt: env.CUSTOMER_ID_SALT ?? null,
    dbWriteWaitMs: env.DB_WRITE_WAIT_MS ?? 10000,
  };
}
