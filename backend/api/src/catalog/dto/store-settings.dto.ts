import { ApiProperty } from '@nestjs/swagger';
import {
  UNMET_DEMAND_SETTINGS,
  type UnmetDemandSetting,
} from '@shelfcast/contracts';
import { IsIn } from 'class-validator';

/** A store's policy settings a planner may change. */
export class StoreSettingsDto {
  @ApiProperty({
    enum: UNMET_DEMAND_SETTINGS,
    description:
      'How the served policy plans demand it cannot serve: lost (the retail default) or backordered',
  })
  @IsIn(UNMET_DEMAND_SETTINGS)
  unmetDemand!: UnmetDemandSetting;
}
