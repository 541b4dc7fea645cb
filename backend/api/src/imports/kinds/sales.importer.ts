import { SALES_GRAINS, SalesGrain } from '@shelfcast/contracts';
import { upsertTarget } from '../../database/bulk/upsert-target';
import type {
  BulkTransaction,
  BulkValue,
} from '../../database/bulk/bulk-writer';
import { dayToIsoDate } from '../csv/field-reader';
import {
  KindImporter,
  Lookups,
  SeriesDayKeys,
  seriesKey,
} from './kind-importer';
import {
  claimSeriesDay,
  resolveSeries,
  SERIES_DATE_COLUMNS,
} from './series-lookup';

interface SeriesSeen {
  storeId: number;
  productId: number;
  grain: SalesGrain;
  firstDay: number;
}

/**
 * Sales facts, upserted on (store, product, date). Each series keeps one grain (day, week or month);
 * the assortment rows of the series seen are written at the end of the same transaction.
 */
export function salesImporter(lookups: Lookups): KindImporter {
  const keys = new SeriesDayKeys();
  const seen = new Map<number, SeriesSeen>();
  let firstDay = Infinity;
  let lastDay = -Infinity;
  return {
    kind: 'sales',
    target: upsertTarget('sales', ['store_id', 'product_id', 'date'], {
      ...SERIES_DATE_COLUMNS,
      units: 'float',
      revenue: 'float',
      price: 'float',
      on_promo: 'bool',
      stockout: 'bool',
    }),
    parse(r): BulkValue[] | null {
      const ids = resolveSeries(r, lookups);
      const date = r.date('date', { required: true, until: 'today' });
      const day = r.lastDay;
      const units = r.number('units', {
        required: true,
        min: 0,
        units: true,
      });
      const price = r.number('price', { required: false, min: 0 });
      let revenue = r.number('revenue', { required: false, min: 0 });
      const promo = r.bool('promo');
      const stockout = r.bool('stockout');
      const grain = r.oneOf('grain', SALES_GRAINS, 'day');
      if (!r.ok || ids === null || date === null || units === null) return null;
      const key = seriesKey(ids[0], ids[1]);
      const known = seen.get(key)?.grain ?? lookups.seriesGrains.get(key);
      if (known !== undefined && known !== grain) {
        r.fail(
          'grain',
          grain,
          'invalid_value',
          `this series is stored with grain ${known}; one grain per series`,
        );
        return null;
      }
      if (!claimSeriesDay(r, keys, ids, day, date)) return null;
      firstDay = Math.min(firstDay, day);
      lastDay = Math.max(lastDay, day);
      const s = seen.get(key);
      if (!s)
        seen.set(key, {
          storeId: ids[0],
          productId: ids[1],
          grain,
          firstDay: day,
        });
      else if (day < s.firstDay) s.firstDay = day;
      if (revenue === null) revenue = price === null ? 0 : units * price;
      return [ids[0], ids[1], date, units, revenue, price, promo, stockout];
    },
    dateRange() {
      return firstDay > lastDay
        ? null
        : { from: dayToIsoDate(firstDay), to: dayToIsoDate(lastDay) };
    },
    async finish(tx: BulkTransaction) {
      const sink = await tx.openSink({
        table: 'store_products',
        columns: [
          { name: 'store_id', type: 'int' },
          { name: 'product_id', type: 'int' },
          { name: 'grain', type: 'text' },
          { name: 'active_from', type: 'date' },
        ],
        conflict: ['store_id', 'product_id'],
        update: ['grain'],
      });
      for (const s of seen.values()) {
        await sink.write([
          s.storeId,
          s.productId,
          s.grain,
          dayToIsoDate(s.firstDay),
        ]);
      }
      await sink.close();
    },
  };
}
