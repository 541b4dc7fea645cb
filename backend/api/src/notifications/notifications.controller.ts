import {
  Body,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AuthUser } from '../common/identity/auth-user';
import { ANY_ROLE, CurrentUser, Roles } from '../common/identity/decorators';
import {
  CreateWebhookDto,
  DeliveryLogItem,
  DeliveryLogQueryDto,
  NotificationItem,
  NotificationListQueryDto,
  NotificationSettingItem,
  UpdateNotificationSettingsDto,
  WebhookEndpointItem,
} from './dto/notification.dto';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsService } from './notifications.service';
import { ApiController } from '../common/api-controller';

@ApiController('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly settingsService: NotificationSettingsService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: "The signed-in user's notifications, newest first" })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: NotificationListQueryDto,
  ): Promise<NotificationItem[]> {
    return this.inbox.list(user.id, query);
  }

  @Get('unread-count')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'How many notifications are unread (the bell)' })
  async unreadCount(
    @CurrentUser() user: AuthUser,
  ): Promise<{ unread: number }> {
    return { unread: await this.inbox.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Mark every notification read' })
  async readAll(@CurrentUser() user: AuthUser): Promise<{ marked: number }> {
    return { marked: await this.inbox.markAllRead(user.id) };
  }

  @Post(':id/read')
  @HttpCode(204)
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Mark one notification read' })
  read(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    return this.inbox.markRead(user.id, id);
  }

  @Get('settings')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Which alerts the user receives on which channel (in-app, e-mail, webhook)',
  })
  settings(@CurrentUser() user: AuthUser): Promise<NotificationSettingItem[]> {
    return this.settingsService.settings(user.id);
  }

  @Put('settings')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: "Change the user's channels for the listed alerts" })
  updateSettings(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettingItem[]> {
    return this.settingsService.update(user.id, body);
  }

  @Get('webhooks')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: "The user's webhook endpoints (admins: all)" })
  webhooks(@CurrentUser() user: AuthUser): Promise<WebhookEndpointItem[]> {
    return this.settingsService.webhooks(user);
  }

  @Post('webhooks')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Add a webhook endpoint; alerts are POSTed as JSON signed with X-Shelfcast-Signature: sha256=<HMAC of the body>',
  })
  createWebhook(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookEndpointItem> {
    return this.settingsService.createWebhook(user, body);
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'Remove a webhook endpoint (own; admins: any)' })
  deleteWebhook(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<void> {
    return this.settingsService.deleteWebhook(user, id);
  }

  @Get('deliveries')
  @Roles('admin')
  @ApiOperation({
    summary: 'Delivery log of alert e-mails and webhooks, with every attempt',
  })
  deliveries(@Query() query: DeliveryLogQueryDto): Promise<DeliveryLogItem[]> {
    return this.settingsService.deliveryLog(query);
  }
}
