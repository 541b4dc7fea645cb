import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';
import { cronPatternError, readEnv, toBool, toNumber } from './env-parsing';

/** Environment variables of alerts (e-mail, webhooks, staleness check) and realized accuracy. */
export class AlertsEnvironmentVariables {
  /** SMTP server for alert e-mail; unset: the e-mail channel is off. */
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT?: number;

  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  SMTP_SECURE?: string;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsOptional()
  @IsEmail()
  SMTP_FROM?: string;

  /** Attempts of one webhook delivery before it is logged as failed (default 5). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  WEBHOOK_MAX_ATTEMPTS?: number;

  /** Delay before the first webhook retry, doubled per attempt (default 30000 ms). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  WEBHOOK_BACKOFF_MS?: number;

  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  WEBHOOK_TIMEOUT_MS?: number;

  /**
   * How often each instance looks for deliveries whose retry is due (default 10000 ms). Retry
   * times are stored on the delivery, so retries outlive a restart.
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_SWEEP_MS?: number;

  /** Cron pattern of the daily data checks (staleness), in UTC (default `0 6 * * *`). */
  @IsOptional()
  @IsString()
  ALERTS_CRON?: string;

  /** A store with no sales for this many days raises a data-stale alert (default 2). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  DATA_STALE_DAYS?: number;

  /** Days frozen (issued) forecasts are kept for realized accuracy (default 400; 0: forever). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  REALIZED_RETAIN_DAYS?: number;

  /** Drift: realized WAPE above backtest WAPE × (1 + margin) counts as a bad week (default 0.25). */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(10)
  DRIFT_WAPE_MARGIN?: number;

  /** Drift: consecutive bad weeks before a scope is flagged (default 3). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(52)
  DRIFT_PERIODS?: number;

  /** Drift: |bias| (Σ(forecast − actual) / Σ actual) above this counts as a bad week (default 0.2). */
  @IsOptional()
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(10)
  DRIFT_BIAS_BAND?: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

export interface AlertsConfig {
  /** null: e-mail delivery is off. */
  smtp: SmtpConfig | null;
  webhookMaxAttempts: number;
  webhookBackoffMs: number;
  webhookTimeoutMs: number;
  /** Interval of the sweep that sends due retries (and deliveries a stopped process left). */
  webhookSweepMs: number;
  /** The daily checks run only where training scheduling is on (never in tests). */
  cron: string;
  staleDays: number;
  realizedRetainDays: number;
  driftWapeMargin: number;
  driftPeriods: number;
  driftBiasBand: number;
}

/** Validates the alert variables; returns error lines (empty when valid) and the values. */
export function loadAlertsConfig(raw: Record<string, string | undefined>): {
  errors: string[];
  value: AlertsConfig;
} {
  const { env, errors } = readEnv(AlertsEnvironmentVariables, raw);
  const cron = env.ALERTS_CRON ?? '0 6 * * *';
  const cronError = cronPatternError(cron, 'UTC');
  if (cronError)
    errors.push(
      `  ALERTS_CRON: "${cron}" is not a valid cron pattern (${cronError})`,
    );
  if (env.SMTP_HOST && !env.SMTP_FROM)
    errors.push('  SMTP_FROM: required when SMTP_HOST is set');
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD))
    errors.push('  SMTP_USER and SMTP_PASSWORD must be set together');
  const secure = env.SMTP_SECURE === 'true';
  return {
    errors,
    value: {
      smtp:
        env.SMTP_HOST && env.SMTP_FROM
          ? {
              host: env.SMTP_HOST,
              port: env.SMTP_PORT ?? (secure ? 465 : 587),
              secure,
              user: env.SMTP_USER ?? null,
              password: env.SMTP_PASSWORD ?? null,
              from: env.SMTP_FROM,
            }
          : null,
      webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS ?? 5,
      webhookBackoffMs: env.WEBHOOK_BACKOFF_MS ?? 30_000,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 10_000,
      webhookSweepMs: env.WEBHOOK_SWEEP_MS ?? 10_000,
      cron,
      staleDays: env.DATA_STALE_DAYS ?? 2,
      realizedRetainDays: env.REALIZED_RETAIN_DAYS ?? 400,
      driftWapeMargin: env.DRIFT_WAPE_MARGIN ?? 0.25,
      driftPeriods: env.DRIFT_PERIODS ?? 3,
      driftBiasBand: env.DRIFT_BIAS_BAND ?? 0.2,
    },
  };
}
