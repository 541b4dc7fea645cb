import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CategoryDto,
  Page,
  ProductDto,
  StoreDto,
} from '@shelfcast/contracts';
import { Brackets, DataSource } from 'typeorm';
import { applyStoreScope, type StoreScope } from '../auth/store-scope';
import type { ProductQueryDto } from './dto/product-query.dto';
import { Product } from './entities/product.entity';
import { Store } from './entities/store.entity';

@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores in the reader's scope. Products and categories are chain-level master data. */
  async stores(scope: StoreScope): Promise<StoreDto[]> {
    const stores = await applyStoreScope(
      this.dataSource.getRepository(Store).createQueryBuilder('s'),
      's.id',
      scope,
    )
      .orderBy('s.code', 'ASC')
      .getMany();
    return stores.map(({ id, code, name, region, timezone }) => ({
      id,
      code,
      name,
      region,
      timezone,
    }));
  }

  async products(query: ProductQueryDto): Promise<Page<ProductDto>> {
    const qb = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.supplier', 's')
      .orderBy('p.sku', 'ASC')
      .skip(query.offset)
      .take(query.limit);
    if (query.search) {
      const like = `%${query.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("LOWER(p.sku) LIKE :like ESCAPE '\\'", { like })
            .orWhere("LOWER(p.name) LIKE :like ESCAPE '\\'", { like })
            .orWhere("LOWER(p.brand) LIKE :like ESCAPE '\\'", { like }),
        ),
      );
    }
    if (query.category) {
      const path = query.category.toLowerCase();
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('p.categoryPath = :path', { path })
            .orWhere('p.categoryPath LIKE :prefix', { prefix: `${path}/%` }),
        ),
      );
    }
    const [items, total] = await qb.getManyAndCount();
    return {
      items: items.map((p) => ({
        id: p.id,
        sku: p.sku,
        name: p.name,
        categoryPath: p.categoryPath,
        brand: p.brand,
        regularPrice: p.regularPrice,
        unitCost: p.unitCost,
        casePack: p.casePack,
        moq: p.moq,
        shelfLifeDays: p.shelfLifeDays,
        supplierCode: p.supplier?.code ?? null,
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
