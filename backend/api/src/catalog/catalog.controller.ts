import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CategoryDto,
  Page,
  ProductDto,
  StoreDto,
} from '@shelfcast/contracts';
import type { AuthUser } from '../common/identity/auth-user';
import {
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { CatalogService } from './catalog.service';
import { ProductQueryDto } from './dto/product-query.dto';
import { StoreSettingsDto } from './dto/store-settings.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('stores')
  @ApiOperation({
    summary: 'The stores the user may see (a manager: assigned ones)',
  })
  stores(@CurrentStoreScope() scope: StoreScope): Promise<StoreDto[]> {
    return this.catalog.stores(scope);
  }

  @Patch('stores/:code')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Sets the store’s region (null: none) and whether the served policy plans its unmet demand as lost sales (default) or backorders; the unmet-demand setting applies from the next generated recommendations and policy proof',
  })
  updateStore(
    @Param('code') code: string,
    @Body() body: StoreSettingsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StoreDto> {
    return this.catalog.updateStore(code, body, user);
  }

  @Get('products')
  @ApiOperation({
    summary:
      'Products (chain-level master data), searchable by sku, name or brand and filtered by category',
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
