import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { readEnv, toNumber } from './env-parsing';

/** Environment variables of the CSV import's plausibility rules and size limits. */
export class ImportsEnvironmentVariables {
  /** Earliest business date an import accepts, yyyy-mm-dd (default 1990-01-01). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'IMPORT_EARLIEST_DATE must be a date as yyyy-mm-dd',
  })
  IMPORT_EARLIEST_DATE?: string;

  /**
   * How far past today future-known kinds (events, signals, purchase orders) may reach, in days
   * (default 366, above the longest forecast horizon that can be configured; never less than
   * TRAINING_HORIZON_DAYS).
   */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3660)
  IMPORT_MAX_FUTURE_DAYS?: number;

  /** Largest units or quantity one row may carry (default 1,000,000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  IMPORT_MAX_UNITS?: number;

  /** Longest CSV field, in characters (default 10,000). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(10_000_000)
  IMPORT_MAX_FIELD_CHARS?: number;

  /** Longest CSV record (line), in characters (default 65,536). */
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  @Max(100_000_000)
  IMPORT_MAX_RECORD_CHARS?: number;
}

export interface ImportsConfig {
  earliestDate: string;
  maxFutureDays: number;
  maxUnits: number;
  maxFieldChars: number;
  maxRecordChars: number;
}

export const DEFAULT_IMPORTS_CONFIG: ImportsConfig = {
  earliestDate: '1990-01-01',
  maxFutureDays: 366,
  maxUnits: 1_000_000,
  maxFieldChars: 10_000,
  maxRecordChars: 65_536,
};

/** Validates the import variables; returns error lines (empty when valid) and the values. */
export function loadImportsConfig(
  raw: Record<string, string | undefined>,
  horizonDays: number,
): { errors: string[]; value: ImportsConfig } {
  const { env, errors } = readEnv(ImportsEnvironmentVariables, raw);
  const d = DEFAULT_IMPORTS_CONFIG;
  const value: ImportsConfig = {
    earliestDate: env.IMPORT_EARLIEST_DATE ?? d.earliestDate,
    maxFutureDays: Math.max(
      env.IMPORT_MAX_FUTURE_DAYS ?? d.maxFutureDays,
      horizonDays,
    ),
    maxUnits: env.IMPORT_MAX_UNITS ?? d.maxUnits,
    maxFieldChars: env.IMPORT_MAX_FIELD_CHARS ?? d.maxFieldChars,
    maxRecordChars: env.IMPORT_MAX_RECORD_CHARS ?? d.maxRecordChars,
  };
  if (value.maxFieldChars > value.maxRecordChars)
    errors.push(
      '  IMPORT_MAX_FIELD_CHARS: must not exceed IMPORT_MAX_RECORD_CHARS',
    );
  if (
    env.IMPORT_EARLIEST_DATE &&
    Number.isNaN(Date.parse(`${env.IMPORT_EARLIEST_DATE}T00:00:00Z`))
  )
    errors.push('  IMPORT_EARLIEST_DATE: not a valid date');
  return { errors, value };
}
