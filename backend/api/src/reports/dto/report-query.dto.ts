import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  REPORT_FORMATS,
  REPORT_LOCALES,
  type ReportFormat,
  type ReportLocale,
} from '@shelfcast/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { ReportFiltersDto } from './report-filters.dto';

/** GET /api/reports/:id?format=…&section=…&bom=…&<filters> */
export class ReportQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, {
    message: `format must be one of: ${REPORT_FORMATS.join(', ')}`,
  })
  format?: ReportFormat;

  @ApiPropertyOptional({
    description: 'CSV only: which section (default the first)',
  })
  @IsOptional()
  @Matches(/^[a-z-]{1,40}$/, { message: 'section must be a section id' })
  section?: string;

  @ApiPropertyOptional({
    description: 'CSV only: start with a UTF-8 byte-order mark (Excel)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value,
  )
  @IsBoolean({ message: 'bom must be true or false' })
  bom?: boolean;

  @ApiPropertyOptional({
    enum: REPORT_LOCALES,
    default: 'en',
    description:
      'Language of the XLSX and PDF text (titles, sheet names, column headers, labels) and number formats; CSV stays English. Default: from Accept-Language (zh → zh-CN), else en',
  })
  @IsOptional()
  @IsIn(REPORT_LOCALES, {
    message: `locale must be one of: ${REPORT_LOCALES.join(', ')}`,
  })
  locale?: ReportLocale;
}
