/** The currency every amount is in (one per deployment): ISO 4217 code, default USD. */
export interface MoneyConfig {
  /** ISO 4217 alphabetic code, upper case, e.g. `USD`, `EUR`, `CNY`. */
  currency: string;
}

/**
 * Whether `code` is an ISO 4217 currency the runtime knows: Intl lists every ISO 4217 code it
 * formats, so a typo such as `USX` or `EURO` is refused at boot rather than printed in reports.
 */
export function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = (
    Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  ).supportedValuesOf?.('currency');
  return known ? known.includes(code) : true;
}

/** Validates CURRENCY; returns error lines (empty when valid) and the value. */
export function loadMoneyConfig(raw: Record<string, string | undefined>): {
  errors: string[];
  value: MoneyConfig;
} {
  const given = raw['CURRENCY']?.trim();
  if (!given) return { errors: [], value: { currency: 'USD' } };
  const code = given.toUpperCase();
  if (!isIsoCurrency(code))
    return {
      errors: [
        `  CURRENCY: must be an ISO 4217 currency code such as USD, EUR or CNY (got "${given}")`,
      ],
      value: { currency: 'USD' },
    };
  return { errors: [], value: { currency: code } };
}
