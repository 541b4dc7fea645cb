import { NO_REGION_KEY } from '@shelfcast/contracts';
import type { BulkValue } from '../../database/bulk/bulk-writer';
import { upsertTarget } from '../../database/bulk/upsert-target';
import type { FieldReader } from '../csv/field-reader';
import { KindImporter, Lookups, TextKeys } from './kind-importer';
import { clip } from '../csv/import-errors';

/** The characters a report's region filter accepts (report-filters.dto.ts), so every region can be filtered on. */
const REGION_TEXT = /^[^,"\r\n\t;=]*$/;

function duplicate(
  reader: FieldReader,
  keys: TextKeys,
  key: string,
  what: string,
): boolean {
  const first = keys.add(key, reader.row);
  if (first === null) return false;
  reader.fail(
    null,
    key,
    'duplicate_key',
    `${what} "${clip(key)}" appears more than once (first at row ${first})`,
  );
  return true;
}

export function storesImporter(): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'stores',
    target: upsertTarget('stores', ['code'], {
      code: 'text',
      name: 'text',
      region: 'text',
      timezone: 'text',
    }),
    parse(r): BulkValue[] | null {
      const code = r.text('code', { required: true, maxLength: 64 });
      const name = r.text('name', { required: true, maxLength: 200 });
      // Optional: stores without a region fall under "(no region)" at the region level.
      const region = r.text('region', { required: false, maxLength: 100 });
      if (region !== null && !REGION_TEXT.test(region)) {
        r.fail(
          'region',
          region,
          'invalid_value',
          'region must not contain commas, quotes, ; = or line breaks (it is used as a report filter)',
        );
      } else if (region === NO_REGION_KEY) {
        r.fail(
          'region',
          region,
          'invalid_value',
          `region "${NO_REGION_KEY}" is reserved for stores without a region; leave the cell empty instead`,
        );
      }
      const timezone =
        r.text('timezone', { required: false, maxLength: 64 }) ?? 'UTC';
      if (timezone !== 'UTC' && !isTimeZone(timezone)) {
        r.fail(
          'timezone',
          timezone,
          'invalid_value',
          'timezone must be an IANA name such as Europe/Berlin',
        );
      }
      if (code !== null && duplicate(r, keys, code, 'Store')) return null;
      return r.ok ? [code, name, region, timezone] : null;
    },
  };
}

export function suppliersImporter(): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'suppliers',
    target: upsertTarget('suppliers', ['code'], {
      code: 'text',
      name: 'text',
      lead_time_mean_days: 'float',
      lead_time_sd_days: 'float',
      review_period_days: 'int',
    }),
    parse(r) {
      const code = r.text('code', { required: true, maxLength: 64 });
      const name = r.text('name', { required: true, maxLength: 200 });
      const mean = r.number('lead_time_mean_days', { required: true, min: 0 });
      const sd =
        r.number('lead_time_sd_days', { required: false, min: 0 }) ?? 0;
      const review =
        r.number('review_period_days', {
          required: false,
          integer: true,
          positive: true,
        }) ?? 7;
      if (code !== null && duplicate(r, keys, code, 'Supplier')) return null;
      return r.ok ? [code, name, mean, sd, review] : null;
    },
  };
}

export function productsImporter(lookups: Lookups): KindImporter {
  const keys = new TextKeys();
  return {
    kind: 'products',
    target: upsertTarget('products', ['sku'], {
      sku: 'text',
      name: 'text',
      category_path: 'text',
      brand: 'text',
      regular_price: 'float',
      unit_cost: 'float',
      case_pack: 'int',
      moq: 'int',
      shelf_life_days: 'int',
      supplier_id: 'int',
      attributes: 'text',
    }),
    parse(r) {
      const sku = r.text('sku', { required: true, maxLength: 64 });
      const name = r.text('name', { required: true, maxLength: 300 });
      const rawPath = r.text('category_path', {
        required: true,
        maxLength: 300,
      });
      const categoryPath =
        rawPath === null ? null : normaliseCategoryPath(rawPath);
      const brand = r.text('brand', { required: false, maxLength: 100 });
      const price = r.number('regular_price', { required: true, min: 0 });
      const cost = r.number('unit_cost', { required: true, min: 0 });
      const casePack =
        r.number('case_pack', {
          required: false,
          integer: true,
          positive: true,
        }) ?? 1;
      const moq =
        r.number('moq', { required: false, integer: true, min: 0 }) ?? 0;
      const shelfLife = r.number('shelf_life_days', {
        required: false,
        integer: true,
        positive: true,
      });
      const supplierCode = r.text('supplier', { required: false });
      let supplierId: number | null = null;
      if (supplierCode !== null) {
        supplierId = lookups.suppliers.get(supplierCode) ?? null;
        if (supplierId === null) {
          r.fail(
            'supplier',
            supplierCode,
            'unknown_supplier',
            `supplier "${clip(supplierCode)}" is not imported`,
          );
        }
      }
      const attributes = r.text('attributes', { required: false }) ?? '{}';
      if (!isJsonObject(attributes)) {
        r.fail(
          'attributes',
          attributes,
          'invalid_value',
          'attributes must be a JSON object',
        );
      }
      if (sku !== null && duplicate(r, keys, sku, 'Product')) return null;
      return r.ok
        ? [
            sku,
            name,
            categoryPath,
            brand,
            price,
            cost,
            casePack,
            moq,
            shelfLife,
            supplierId,
            attributes,
          ]
        : null;
    },
  };
}

/** "Beverages / Juice/" → "beverages/juice": one canonical form so prefix queries work. */
export function normaliseCategoryPath(path: string): string {
  return path
    .split('/')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .join('/');
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
