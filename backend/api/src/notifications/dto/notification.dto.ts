import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ALERT_TYPES, type AlertType } from '../alert-types';

export type { NotificationItem } from '@shelfcast/contracts';

export interface NotificationSettingItem {
  event: AlertType;
  inApp: boolean;
  email: boolean;
  webhook: boolean;
}

export interface WebhookEndpointItem {
  id: number;
  userId: number;
  name: string;
  url: string;
  active: boolean;
  createdAt: string;
  /** Only in the answer that creates the endpoint. */
  secret?: string;
}

export interface DeliveryLogItem {
  id: number;
  eventId: number;
  eventType: string;
  title: string;
  channel: string;
  userId: number | null;
  endpointId: number | null;
  target: string;
  status: string;
  attempts: number;
  log: { at: string; ok: boolean; code: number | null; error: string | null }[];
  nextAttemptAt: string | null;
  createdAt: string;
}

export class NotificationListQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class NotificationSettingDto {
  @ApiProperty({ enum: ALERT_TYPES })
  @IsIn(ALERT_TYPES)
  event!: AlertType;

  @ApiProperty()
  @IsBoolean()
  inApp!: boolean;

  @ApiProperty()
  @IsBoolean()
  email!: boolean;

  @ApiProperty()
  @IsBoolean()
  webhook!: boolean;
}

export class UpdateNotificationSettingsDto {
  @ApiProperty({ type: [NotificationSettingDto] })
  @IsArray()
  @ArrayMaxSize(ALERT_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationSettingDto)
  settings!: NotificationSettingDto[];
}

export class CreateWebhookDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'https://hooks.example.com/shelfcast' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  @MaxLength(500)
  url!: string;

  @ApiPropertyOptional({
    description: 'HMAC secret (16–128 characters); generated when omitted',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(128)
  secret?: string;
}

export class DeliveryLogQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'retrying', 'delivered', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'retrying', 'delivered', 'failed'])
  status?: string;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
