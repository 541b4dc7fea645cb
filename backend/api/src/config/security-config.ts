import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { readEnv, toBool, toNumber } from './env-parsing';

/** Environment variables of HTTP hardening and login back-off (validated with the rest). */
export class SecurityEnvironmentVariables {
  /**
   * `true`: send HSTS (and upgrade-insecure-requests) on every response, also on plain HTTP —
   * for deployments behind a TLS proxy that does not send X-Forwarded-Proto. Default false: only
   * requests that arrived over HTTPS (directly or via a trusted proxy) get them.
   */
  @IsOptional()
  @Transform(toBool)
  @IsIn(['true', 'false'])
  SECURITY_FORCE_HTTPS?: string;

  /** Failed logins of one account (from any address) that lock it (default 10). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_LOCKOUT_THRESHOLD?: number;

  /** Seconds without a failed login after which an account's failures are forgotten (default 900). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOGIN_LOCKOUT_WINDOW?: number;

  /** First lockout in seconds; each further one within the window doubles it (default 60). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_BASE?: number;

  /** Longest lockout in seconds (default 3600). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_MAX?: number;
}

export interface LoginLockoutConfig {
  threshold: number;
  windowSeconds: number;
  baseSeconds: number;
  maxSeconds: number;
}

export interface SecurityConfig {
  forceHttps: boolean;
  lockout: LoginLockoutConfig;
}

/** Validates the security variables; returns error lines (empty when valid) and the values. */
export function loadSecurityConfig(raw: Record<string, string | undefined>): {
  errors: string[];
  value: SecurityConfig;
} {
  const { env, errors } = readEnv(SecurityEnvironmentVariables, raw);
  const baseSeconds = env.LOGIN_LOCKOUT_BASE ?? 60;
  const maxSeconds = env.LOGIN_LOCKOUT_MAX ?? 3600;
  if (maxSeconds < baseSeconds)
    errors.push(
      '  LOGIN_LOCKOUT_MAX: must be at least LOGIN_LOCKOUT_BASE (the first lockout)',
    );
  return {
    errors,
    value: {
      forceHttps: env.SECURITY_FORCE_HTTPS === 'true',
      lockout: {
        threshold: env.LOGIN_LOCKOUT_THRESHOLD ?? 10,
        windowSeconds: env.LOGIN_LOCKOUT_WINDOW ?? 900,
        baseSeconds,
        maxSeconds,
      },
    },
  };
}
