import { loadConfig } from './app-config';
import { isIsoCurrency, loadMoneyConfig } from './money-config';

describe('loadMoneyConfig', () => {
  it('defaults to USD and upper-cases a valid code', () => {
    expect(loadMoneyConfig({}).value.currency).toBe('USD');
    expect(loadMoneyConfig({ CURRENCY: ' cny ' })).toEqual({
      errors: [],
      value: { currency: 'CNY' },
    });
    expect(loadConfig({ CURRENCY: 'EUR' }).money.currency).toBe('EUR');
  });

  it('refuses codes that are not ISO 4217, naming the variable', () => {
    expect(isIsoCurrency('USX')).toBe(false);
    expect(isIsoCurrency('EURO')).toBe(false);
    expect(loadMoneyConfig({ CURRENCY: 'EURO' }).errors[0]).toMatch(
      /CURRENCY: must be an ISO 4217/,
    );
    expect(() => loadConfig({ CURRENCY: 'dollars' })).toThrow(/CURRENCY/);
  });
});
