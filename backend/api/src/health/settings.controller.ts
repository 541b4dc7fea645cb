import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicSettings } from '@shelfcast/contracts';
import { Public } from '../common/identity/decorators';
import { AppConfig } from '../config/app-config';

/** Deployment settings the dashboard needs to present data (nothing secret). */
@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get('public')
  @Public()
  @ApiOperation({
    summary:
      'Public deployment settings: the currency amounts are in (ISO 4217)',
  })
  publicSettings(): PublicSettings {
    return { currency: this.config.money.currency };
  }
}
