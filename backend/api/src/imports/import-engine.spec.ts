import { PassThrough, Readable } from 'node:stream';
import type { BulkTransaction, BulkValue } from '../database/bulk/bulk-writer';
import { isoDateToDay } from './csv/field-reader';
import { ImportAbortedError, ImportLimits, runImport } from './import-engine';
import { salesImporter } from './kinds/sales.importer';

/** An in-memory transaction that records what happened to it. */
class FakeTransaction implements BulkTransaction {
  readonly dialect = 'sqlite' as const;
  readonly rows: BulkValue[][] = [];
  state: 'open' | 'committed' | 'rolled back' = 'open';

  async openSink() {
    return {
      write: (values: readonly BulkValue[]) => {
        this.rows.push([...values]);
      },
      close: async () => this.rows.length,
      abort: async () => undefined,
    };
  }

  async commit() {
    this.state = 'committed';
  }

  async rollback() {
    this.state = 'rolled back';
  }
}

const today = isoDateToDay('2026-06-15') ?? NaN;
const LIMITS: ImportLimits = {
  earliestDay: isoDateToDay('1990-01-01') ?? NaN,
  today,
  horizon: today + 366,
  maxUnits: 1_000_000,
  maxFieldChars: 100,
  maxRecordChars: 1000,
};

const importer = () =>
  salesImporter({
    stores: new Map([['S1', 1]]),
    products: new Map([['P1', 1]]),
    suppliers: new Map(),
    seriesGrains: new Map(),
  });

function rows(n: number): string {
  let out = '';
  for (let d = 0; d < n; d++) {
    const date = new Date(Date.UTC(2000, 0, 1) + d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    out += `S1,P1,${date},1\n`;
  }
  return out;
}

describe('runImport', () => {
  const run = (input: Readable, signal?: AbortSignal) => {
    const tx = new FakeTransaction();
    const result = runImport(
      'sales',
      input,
      importer(),
      async () => tx,
      () => undefined,
      LIMITS,
      signal,
    );
    return { tx, result };
  };

  it('commits a complete file', async () => {
    const { tx, result } = run(
      Readable.from([`store,sku,date,units\n${rows(3)}`]),
    );
    expect((await result).rowsImported).toBe(3);
    expect(tx.state).toBe('committed');
  });

  it('rolls back with ImportAbortedError when the input closes before its end', async () => {
    const input = new PassThrough();
    const { tx, result } = run(input);
    input.write(`store,sku,date,units\n${rows(50)}`);
    await new Promise((resolve) => setImmediate(resolve));
    input.destroy();
    await expect(result).rejects.toBeInstanceOf(ImportAbortedError);
    expect(tx.state).toBe('rolled back');
  });

  it('rolls back at once when the signal aborts, although the input never ends', async () => {
    const input = new PassThrough();
    const controller = new AbortController();
    const { tx, result } = run(input, controller.signal);
    input.write(`store,sku,date,units\n${rows(50)}`);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(result).rejects.toBeInstanceOf(ImportAbortedError);
    expect(tx.state).toBe('rolled back');
    expect(input.destroyed).toBe(true);
  });

  it('stops at a record longer than the limit and names its row and column', async () => {
    const { tx, result } = run(
      Readable.from([
        `store,sku,date,units\n${rows(2)}S1,"${'x'.repeat(5000)}",2000-01-09,1\n${rows(2)}`,
      ]),
    );
    const outcome = await result;
    expect(outcome.rowsImported).toBe(0);
    expect(outcome.errors.kept).toEqual([
      expect.objectContaining({ row: 4, column: 'sku', reason: 'too_long' }),
    ]);
    expect(tx.state).toBe('rolled back');
  });

  it('refuses a field longer than the limit as a row error and keeps reading', async () => {
    const { result } = run(
      Readable.from([
        `store,sku,date,units\nS1,${'y'.repeat(101)},2000-01-01,1\nS1,P1,2000-01-02,x\n`,
      ]),
    );
    const outcome = await result;
    expect(outcome.errors.kept.map((e) => [e.row, e.column, e.reason])).toEqual(
      [
        [2, 'sku', 'too_long'],
        [3, 'units', 'invalid_number'],
      ],
    );
    expect(outcome.errors.kept[0].value).toBe('y'.repeat(101));
  });

  it('explains a header separated by semicolons and a file without a header', async () => {
    const semicolons = await run(
      Readable.from(['store;sku;date;units\nS1;P1;2000-01-01;1\n']),
    ).result;
    expect(semicolons.errors.kept[0]).toMatchObject({
      row: 1,
      reason: 'malformed_csv',
      message: expect.stringContaining('";"'),
    });
    const headless = await run(Readable.from([rows(2)])).result;
    expect(headless.errors.kept[0]).toMatchObject({
      row: 1,
      reason: 'missing_column',
      message: expect.stringContaining('not a header'),
    });
  });
});
