import { Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type {
  AffinityRecomputeResult,
  ProductAffinity,
  StoreAssortmentGaps,
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
import { AffinityService } from './affinity.service';
import {
  ProductSkuParamDto,
  StoreCodeParamDto,
} from './dto/affinity-params.dto';
import { ApiController } from '../common/api-controller';

@ApiController('affinity')
export class AffinityController {
  constructor(private readonly affinity: AffinityService) {}

  @Get('products/:sku')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Bought together (support, confidence, lift, cosine) and similar products (similarity, matching attributes) of a product',
  })
  product(@Param() params: ProductSkuParamDto): Promise<ProductAffinity> {
    return this.affinity.product(params.sku);
  }

  @Get('stores/:code/gaps')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      "A store's assortment gaps (products similar stores sell and it does not) and its customer-segment picks; store managers: their stores only",
  })
  gaps(
    @Param() params: StoreCodeParamDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<StoreAssortmentGaps> {
    return this.affinity.storeGaps(params.code, scope);
  }

  @Post('recompute')
  @Roles(...PLANNERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Recompute every affinity result now (also runs after each promoted training run)',
  })
  recompute(@CurrentUser() user: AuthUser): Promise<AffinityRecomputeResult> {
    return this.affinity.recompute(user);
  }
}
