import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataFreshness } from '@shelfcast/contracts';
import { DataService } from './data.service';

@ApiTags('data')
@Controller('data')
export class DataController {
  constructor(private readonly data: DataService) {}

  @Get('freshness')
  @ApiOperation({ summary: 'Rows held and the latest date per data kind' })
  freshness(): Promise<DataFreshness[]> {
    return this.data.freshness();
  }
}
