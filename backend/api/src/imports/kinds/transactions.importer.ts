import type { BulkValue } from '../../database/bulk/bulk-writer';
import { upsertTarget } from '../../database/bulk/upsert-target';
import { isoDateToDay } from '../csv/field-reader';
import { KindImporter, Lookups, TextKeys } from './kind-importer';
import { resolveSeries } from './series-lookup';

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** `yyyy-mm-ddThh:mm:ss` of a valid date-time text, or null. The offset, if any, is dropped (local time). */
export function normaliseDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m || isoDateToDay(m[1]) === null) return null;
  const [h, mi, s] = [m[2], m[3], m[4] ?? '00'];
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${m[1]}T${h}:${mi}:${s}`;
}

/** One row per product in a basket. */
const BASKET_LINE_KEY = ['store_id', 'basket_id', 'product_id'];

/**
 * Basket lines, upserted on (store, basket, product). A customer id is replaced by its salted
 * hash before the row leaves the parser; the raw id is never written.
 */
export function transactionsImporter(lookups: Lookups): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'transactions',
    target: upsertTarget('basket_lines', BASKET_LINE_KEY, {
      store_id: 'int',
      basket_id: 'text',
      product_id: 'int',
      date: 'date',
      sold_at: 'text',
      quantity: 'float',
      customer_hash: 'text',
    }),
    parse(r): BulkValue[] | null {
      const basket = r.text('basket_id', { required: true, maxLength: 64 });
      const rawTime = r.text('datetime', { required: true });
      const soldAt = rawTime === null ? null : normaliseDateTime(rawTime);
      if (rawTime !== null && soldAt === null)
        r.fail(
          'datetime',
          rawTime,
          'unparseable_date',
          'datetime must be yyyy-mm-ddThh:mm[:ss] or yyyy-mm-dd hh:mm[:ss]',
        );
      else if (soldAt !== null)
        r.plausibleDay(
          'datetime',
          soldAt,
          isoDateToDay(soldAt.slice(0, 10)) ?? 0,
          'today',
        );
      const ids = resolveSeries(r, lookups);
      const quantity = r.number('quantity', {
        required: true,
        positive: true,
        units: true,
      });
      const customer = r.text('customer_id', {
        required: false,
        maxLength: 128,
      });
      if (!r.ok || basket === null || soldAt === null || ids === null)
        return null;
      const first = keys.add(`${ids[0]}|${basket}|${ids[1]}`, r.row);
      if (first !== null) {
        r.fail(
          null,
          `${r.raw('store')},${basket},${r.raw('sku')}`,
          'duplicate_key',
          `store, basket_id and sku appear more than once (first at row ${first}); sum the quantity into one line`,
        );
        return null;
      }
      let customerHash: string | null = null;
      if (customer !== null) {
        if (!lookups.hashCustomerId)
          throw new Error('transactions import needs the customer-id hasher');
        customerHash = lookups.hashCustomerId(customer);
      }
      return [
        ids[0],
        basket,
        ids[1],
        soldAt.slice(0, 10),
        soldAt,
        quantity,
        customerHash,
      ];
    },
  };
}
