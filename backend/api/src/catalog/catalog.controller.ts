import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CategoryDto,
  Page,
  ProductDto,
  StoreDto,
} from '@shelfcast/contracts';
import { CatalogService } from './catalog.service';
import { ProductQueryDto } from './dto/product-query.dto';

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('stores')
  @ApiOperation({ summary: 'All stores' })
  stores(): Promise<StoreDto[]> {
    return this.catalog.stores();
  }

  @Get('products')
  @ApiOperation({
    summary:
      'Products, searchable by sku, name or brand and filtered by category',
  })
  products(@Query() query: ProductQueryDto): Promise<Page<ProductDto>> {
    return this.catalog.products(query);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Category paths with their product counts' })
  categories(): Promise<CategoryDto[]> {
    return this.catalog.categories();
  }
}
