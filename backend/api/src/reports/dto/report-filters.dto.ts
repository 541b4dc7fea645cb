import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportFilters } from '@shelfcast/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Codes and names that stay one cell wherever they are echoed (no commas, quotes or line breaks). */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const TEXT = /^[^,"\r\n\t;=]{1,300}$/;

/** `S001,S002` or repeated `stores=` parameters → a list of codes. */
const toList = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    String(v).split(','),
  );
  return parts.map((s) => s.trim()).filter(Boolean);
};

/** The filters every report may take; each report refuses the ones it does not (400). */
export class ReportFiltersDto implements ReportFilters {
  @ApiPropertyOptional({ description: 'First date, yyyy-mm-dd (inclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date yyyy-mm-dd' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last date, yyyy-mm-dd (inclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date yyyy-mm-dd' })
  to?: string;

  @ApiPropertyOptional({
    description: 'Store codes, comma-separated or repeated',
    type: [String],
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(CODE, {
    each: true,
    message: 'stores must be store codes (letters, digits, _ . -)',
  })
  stores?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(TEXT, {
    message: 'region must not contain commas, quotes, ; = or line breaks',
  })
  region?: string;

  @ApiPropertyOptional({ description: 'Category path prefix, e.g. dairy/milk' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(TEXT, {
    message: 'category must not contain commas, quotes, ; = or line breaks',
  })
  category?: string;

  @ApiPropertyOptional({ enum: ['A', 'B', 'C'] })
  @IsOptional()
  @IsIn(['A', 'B', 'C'])
  abc?: 'A' | 'B' | 'C';

  @ApiPropertyOptional({
    description:
      'A recommendation status, or a run status for training-runs (see GET /api/reports)',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,20}$/, { message: 'status must be a status name' })
  status?: string;
}
