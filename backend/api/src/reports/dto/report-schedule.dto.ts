import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateReportScheduleRequest,
  REPORT_FORMATS,
  REPORT_IDS,
  type ReportFormat,
  type ReportId,
} from '@shelfcast/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ReportFiltersDto } from './report-filters.dto';

export class CreateReportScheduleDto implements CreateReportScheduleRequest {
  @ApiProperty({ enum: REPORT_IDS })
  @IsIn(REPORT_IDS, {
    message: `reportId must be one of: ${REPORT_IDS.join(', ')}`,
  })
  reportId!: ReportId;

  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS, {
    message: `format must be one of: ${REPORT_FORMATS.join(', ')}`,
  })
  format!: ReportFormat;

  @ApiProperty({
    description:
      'Five-field cron pattern, e.g. "0 6 * * 1" (Mondays): due when it fired since the last file',
  })
  @IsString()
  @MaxLength(100)
  cron!: string;

  @ApiPropertyOptional({
    description: 'IANA time zone of the pattern (default UTC)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ type: ReportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFiltersDto)
  filters?: ReportFiltersDto;

  @ApiPropertyOptional({ description: 'CSV only: UTF-8 byte-order mark' })
  @IsOptional()
  @IsBoolean()
  bom?: boolean;
}
