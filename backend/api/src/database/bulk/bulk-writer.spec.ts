import { upsertSql } from './bulk-writer';

describe('upsertSql', () => {
  const spec = {
    table: 'sales',
    columns: [
      { name: 'store_id', type: 'int' as const },
      { name: 'date', type: 'date' as const },
      { name: 'units', type: 'float' as const },
    ],
    conflict: ['store_id', 'date'],
    update: ['units'],
  };

  it('builds one portable INSERT … SELECT … ON CONFLICT, ordered by the key when asked', () => {
    expect(upsertSql(spec, 'stg', ['store_id', 'date'])).toBe(
      'INSERT INTO sales (store_id, date, units) SELECT store_id, date, units FROM stg WHERE true ORDER BY store_id, date ON CONFLICT (store_id, date) DO UPDATE SET units = excluded.units',
    );
  });

  it('does nothing on conflict when there is nothing to update', () => {
    expect(upsertSql({ ...spec, update: [] }, 'stg')).toMatch(
      /ON CONFLICT \(store_id, date\) DO NOTHING$/,
    );
  });
});
