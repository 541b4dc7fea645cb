import { PURCHASE_ORDER_STATUSES } from '@shelfcast/contracts';
import { upsertTarget } from '../../database/bulk/upsert-target';
import {
  KindImporter,
  Lookups,
  SeriesDayKeys,
  TextKeys,
} from './kind-importer';
import {
  claimSeriesDay,
  resolveSeries,
  SERIES_DATE_COLUMNS,
} from './series-lookup';
import { clip } from '../csv/import-errors';

export function inventoryImporter(lookups: Lookups): KindImporter {
  const keys = new SeriesDayKeys();
  return {
    kind: 'inventory',
    target: upsertTarget(
      'inventory_snapshots',
      ['store_id', 'product_id', 'date'],
      { ...SERIES_DATE_COLUMNS, on_hand: 'float' },
    ),
    parse(r) {
      const ids = resolveSeries(r, lookups);
      const date = r.date('date', { required: true, until: 'today' });
      const day = r.lastDay;
      const onHand = r.number('on_hand', {
        required: true,
        min: 0,
        units: true,
      });
      if (!r.ok || ids === null || date === null) return null;
      if (!claimSeriesDay(r, keys, ids, day, date)) return null;
      return [ids[0], ids[1], date, onHand];
    },
  };
}

export function purchaseOrdersImporter(lookups: Lookups): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'purchase-orders',
    target: upsertTarget(
      'purchase_orders',
      ['po_number', 'store_id', 'product_id'],
      {
        po_number: 'text',
        store_id: 'int',
        product_id: 'int',
        supplier_id: 'int',
        quantity: 'float',
        ordered_date: 'date',
        expected_date: 'date',
        status: 'text',
      },
    ),
    parse(r) {
      const po = r.text('po_number', { required: true, maxLength: 64 });
      const ids = resolveSeries(r, lookups);
      const supplierCode = r.text('supplier', { required: false });
      const supplierId =
        supplierCode === null
          ? null
          : (lookups.suppliers.get(supplierCode) ?? null);
      if (supplierCode !== null && supplierId === null) {
        r.fail(
          'supplier',
          supplierCode,
          'unknown_supplier',
          `supplier "${clip(supplierCode)}" is not imported`,
        );
      }
      const quantity = r.number('quantity', {
        required: true,
        positive: true,
        units: true,
      });
      const ordered = r.date('ordered_date', {
        required: true,
        until: 'horizon',
      });
      const orderedDay = r.lastDay;
      const expected = r.date('expected_date', {
        required: true,
        until: 'horizon',
      });
      const expectedDay = r.lastDay;
      const status = r.oneOf('status', PURCHASE_ORDER_STATUSES, 'open');
      if (ordered !== null && expected !== null && expectedDay < orderedDay) {
        r.fail(
          'expected_date',
          expected,
          'invalid_value',
          'expected_date is before ordered_date',
        );
      }
      if (!r.ok || ids === null || po === null) return null;
      const first = keys.add(`${po}|${ids[0]}|${ids[1]}`, r.row);
      if (first !== null) {
        r.fail(
          null,
          `${po},${r.raw('store')},${r.raw('sku')}`,
          'duplicate_key',
          `purchase-order line appears more than once (first at row ${first})`,
        );
        return null;
      }
      return [
        po,
        ids[0],
        ids[1],
        supplierId,
        quantity,
        ordered,
        expected,
        status,
      ];
    },
  };
}
