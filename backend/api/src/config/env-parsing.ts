import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CronTime } from 'cron';

/** `@Transform` for a numeric variable: empty or unset stays unset, anything else becomes a number. */
export const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * `@Transform` for a yes/no variable: 1/true/yes/on and 0/false/no/off (any case) become
 * 'true'/'false', so `@IsIn(['true', 'false'])` refuses anything else by name.
 */
export const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? 'true'
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? 'false'
        : String(value);

/**
 * Reads one group of environment variables into its validated class. Every group of the config
 * reports its errors the same way (`  NAME: message`), collected into one boot error.
 */
export function readEnv<T extends object>(
  cls: ClassConstructor<T>,
  raw: Record<string, string | undefined>,
): { env: T; errors: string[] } {
  const env = plainToInstance(cls, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { forbidUnknownValues: false }).flatMap(
    (e) =>
      Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`),
  );
  return { env, errors };
}

/** Why `cron` cannot be scheduled in `timeZone` (the cron library's message), or null when it can. */
export function cronPatternError(
  cron: string,
  timeZone: string,
): string | null {
  try {
    new CronTime(cron, timeZone);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
