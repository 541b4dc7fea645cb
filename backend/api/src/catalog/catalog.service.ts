import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CategoryDto,
  Page,
  ProductDto,
  StoreDto,
} from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import {
  applyStoreScope,
  type StoreScope,
} from '../common/identity/store-scope';
import { StampedCache } from '../common/stamped-cache';
import { IMPORTS_STAMP, stampOf } from '../database/data-stamps';
import { escapeLike, LIKE_ESCAPE } from '../database/like';
import { sqlQuery } from '../database/raw-sql';
import type { ProductQueryDto } from './dto/product-query.dto';
import type { StoreSettingsDto } from './dto/store-settings.dto';
import { Store } from './entities/store.entity';
import { CatalogException } from './catalog.exception';

@Injectable()
export class CatalogService {
  private readonly productPages = new StampedCache<Page<ProductDto>>(500);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Stores in the reader's scope. Products and categories are chain-level master data. */
  async stores(scope: StoreScope): Promise<StoreDto[]> {
    const stores = await applyStoreScope(
      this.dataSource.getRepository(Store).createQueryBuilder('s'),
      's.id',
      scope,
    )
      .orderBy('s.code', 'ASC')
      .getMany();
    return stores.map(storeDto);
  }

  /**
   * Sets how the served policy plans a store's unmet demand (lost sales or backorders); the next
   * generated recommendations and policy proof use it. Audited with the value before and after.
   */
  /** Changes what the body sets (region, unmet demand), audited as one change. */
  async updateStore(
    code: string,
    body: StoreSettingsDto,
    actor: AuditActor,
  ): Promise<StoreDto> {
    return this.dataSource.transaction(async (em) => {
      const stores = em.getRepository(Store);
      const store = await stores.findOneBy({ code });
      if (!store)
        throw new CatalogException('not_found', `Unknown store: ${code}`, {
          field: 'code',
        });
      const before: Partial<Pick<Store, 'unmetDemand' | 'region'>> = {};
      const after: Partial<Pick<Store, 'unmetDemand' | 'region'>> = {};
      if (
        body.unmetDemand !== undefined &&
        body.unmetDemand !== store.unmetDemand
      ) {
        before.unmetDemand = store.unmetDemand;
        after.unmetDemand = body.unmetDemand;
      }
      if (body.region !== undefined) {
        const region = body.region?.trim() || null;
        if (region !== store.region) {
          before.region = store.region;
          after.region = region;
        }
      }
      if (Object.keys(after).length > 0) {
        await stores.update(store.id, after);
        await this.audit.record({
          actor,
          action:
            'region' in after && !('unmetDemand' in after)
              ? 'store.region'
              : 'unmetDemand' in after && !('region' in after)
                ? 'store.unmet_demand'
                : 'store.settings',
          entity: 'store',
          entityId: store.id,
          before,
          after,
        });
      }
      return storeDto({ ...store, ...after });
    });
  }

  /**
   * One statement (rows and the total through a window count) instead of the query builder's
   * three (skip/take over a join adds a DISTINCT pre-query): product search is typed into.
   */
  async products(query: ProductQueryDto): Promise<Page<ProductDto>> {
    // Products change only through imports; search is typed into, so answers are cached.
    const [stamp] = await sqlQuery(this.dataSource, `SELECT ${IMPORTS_STAMP}`);
    return this.productPages.get(
      JSON.stringify([
        query.search ?? null,
        query.category ?? null,
        query.offset,
        query.limit,
      ]),
      stampOf(stamp),
      () => this.searchProducts(query),
    );
  }

  private async searchProducts(
    query: ProductQueryDto,
  ): Promise<Page<ProductDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.search) {
      const like = `%${escapeLike(query.search.toLowerCase())}%`;
      where.push(
        `(LOWER(p.sku) LIKE ? ${LIKE_ESCAPE} OR LOWER(p.name) LIKE ? ${LIKE_ESCAPE} OR LOWER(p.brand) LIKE ? ${LIKE_ESCAPE})`,
      );
      params.push(like, like, like);
    }
    if (query.category) {
      const path = query.category.toLowerCase();
      where.push(
        `(p.category_path = ? OR p.category_path LIKE ? ${LIKE_ESCAPE})`,
      );
      params.push(path, `${escapeLike(path)}/%`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await sqlQuery(
      this.dataSource,
      `SELECT p.id, p.sku, p.name, p.category_path, p.brand, p.regular_price, p.unit_cost,
              p.case_pack, p.moq, p.shelf_life_days, s.code AS supplier_code, COUNT(*) OVER () AS total
         FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id
         ${filter} ORDER BY p.sku LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    // Past the last page the window count has no row to ride on.
    const total = rows.length
      ? Number(rows[0]['total'])
      : Number(
          (
            await sqlQuery(
              this.dataSource,
              `SELECT COUNT(*) AS n FROM products p ${filter}`,
              params,
            )
          )[0]['n'],
        );
    return {
      items: rows.map((p) => ({
        id: Number(p['id']),
        sku: String(p['sku']),
        name: String(p['name']),
        categoryPath: String(p['category_path']),
        brand: (p['brand'] as string | null) ?? null,
        regularPrice: Number(p['regular_price']),
        unitCost: Number(p['unit_cost']),
        casePack: Number(p['case_pack']),
        moq: Number(p['moq']),
        shelfLifeDays:
          p['shelf_life_days'] === null ? null : Number(p['shelf_life_days']),
        supplierCode: (p['supplier_code'] as string | null) ?? null,
      })),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  async categories(): Promise<CategoryDto[]> {
    const rows: { path: string; n: string | number }[] =
      await this.dataSource.query(
        'SELECT category_path AS path, COUNT(*) AS n FROM products GROUP BY category_path ORDER BY category_path',
      );
    return rows.map((r) => ({ path: r.path, products: Number(r.n) }));
  }
}

function storeDto(s: Store): StoreDto {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    region: s.region,
    timezone: s.timezone,
    unmetDemand: s.unmetDemand === 'backorder' ? 'backorder' : 'lost-sales',
  };
}
