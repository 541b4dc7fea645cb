import { loadConfig } from './app-config';
import { DEFAULT_IMPORTS_CONFIG, loadImportsConfig } from './imports-config';

describe('imports config', () => {
  it('has safe defaults: 1990 onwards, a year ahead, 1,000,000 units, 10,000-character fields, 64 KiB records', () => {
    expect(loadConfig({}).imports).toEqual({
      earliestDate: '1990-01-01',
      maxFutureDays: 366,
      maxUnits: 1_000_000,
      maxFieldChars: 10_000,
      maxRecordChars: 65_536,
    });
  });

  it('reads the variables and never lets future-known data stop short of the forecast horizon', () => {
    const { errors, value } = loadImportsConfig(
      {
        IMPORT_EARLIEST_DATE: '2000-01-01',
        IMPORT_MAX_FUTURE_DAYS: '30',
        IMPORT_MAX_UNITS: '5000',
        IMPORT_MAX_FIELD_CHARS: '2000',
        IMPORT_MAX_RECORD_CHARS: '20000',
      },
      90,
    );
    expect(errors).toEqual([]);
    expect(value).toEqual({
      earliestDate: '2000-01-01',
      maxFutureDays: 90,
      maxUnits: 5000,
      maxFieldChars: 2000,
      maxRecordChars: 20000,
    });
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({
        IMPORT_EARLIEST_DATE: '1/1/1990',
        IMPORT_MAX_UNITS: '0',
        IMPORT_MAX_FIELD_CHARS: '9000',
        IMPORT_MAX_RECORD_CHARS: '5000',
      }),
    ).toThrow(
      /IMPORT_EARLIEST_DATE[\s\S]*IMPORT_MAX_UNITS[\s\S]*IMPORT_MAX_FIELD_CHARS/,
    );
    expect(loadImportsConfig({}, 28).value).toEqual(DEFAULT_IMPORTS_CONFIG);
  });
});
