import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  NO_REGION_KEY,
  UNMET_DEMAND_SETTINGS,
  type UnmetDemandSetting,
} from '@shelfcast/contracts';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  NotEquals,
  ValidateIf,
} from 'class-validator';

/** A store's settings a planner may change (each optional; what is left out keeps its value). */
export class StoreSettingsDto {
  @ApiPropertyOptional({
    enum: UNMET_DEMAND_SETTINGS,
    description:
      'How the served policy plans demand it cannot serve: lost (the retail default) or backordered',
  })
  @IsOptional()
  @IsIn(UNMET_DEMAND_SETTINGS)
  unmetDemand?: UnmetDemandSetting;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'The store\'s region (the region level of the reconciled forecasts); null or "" = no region',
  })
  @ValidateIf((_, v: unknown) => v !== undefined && v !== null && v !== '')
  @IsString()
  @MaxLength(100)
  // The characters a report's region filter accepts, as the stores import checks.
  @Matches(/^[^,"\r\n\t;=]*$/, {
    message: 'region must not contain commas, quotes, ; = or line breaks',
  })
  @NotEquals(NO_REGION_KEY, {
    message: `region "${NO_REGION_KEY}" is reserved for stores without a region`,
  })
  region?: string | null;
}
