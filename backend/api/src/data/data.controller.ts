import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { DataFreshness } from '@shelfcast/contracts';
import {
  ANY_ROLE,
  CurrentStoreScope,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { DataService } from './data.service';
import { ApiController } from '../common/api-controller';

@ApiController('data')
export class DataController {
  constructor(private readonly data: DataService) {}

  @Get('freshness')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      "Rows held and the latest date per data kind (per-store kinds counted over the user's stores)",
  })
  freshness(@CurrentStoreScope() scope: StoreScope): Promise<DataFreshness[]> {
    return this.data.freshness(scope);
  }
}
