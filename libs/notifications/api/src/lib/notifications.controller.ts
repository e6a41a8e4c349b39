import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  DeliveryFailures,
  NotificationItem,
  NotificationPreferences,
  Page,
  UnreadCount,
  UnsubscribeResult,
} from '@mend/shared/contracts';
import { Allow, Caller, CurrentUser, IdParam, PageQueryDto, Public } from '@mend/shared/server';
import { PreferencesDto, UnsubscribeDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'The caller’s own notifications, newest first' })
  list(
    @CurrentUser() caller: Caller,
    @Query() page: PageQueryDto,
  ): Promise<Page<NotificationItem>> {
    return this.notifications.list(caller, page);
  }

  @Get('unread-count')
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'How many of the caller’s notifications are unread (the bell)' })
  unread(@CurrentUser() caller: Caller): Promise<UnreadCount> {
    return this.notifications.unread(caller);
  }

  @Post('read-all')
  @HttpCode(200)
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'Mark all the caller’s notifications read' })
  readAll(@CurrentUser() caller: Caller): Promise<UnreadCount> {
    return this.notifications.readAll(caller);
  }

  @Get('preferences')
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'The caller’s mail preferences: kinds, time zone, quiet hours' })
  preferences(@CurrentUser() caller: Caller): Promise<NotificationPreferences> {
    return this.notifications.preferences(caller);
  }

  @Put('preferences')
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'Change the caller’s mail preferences' })
  savePreferences(
    @CurrentUser() caller: Caller,
    @Body() body: PreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.notifications.savePreferences(caller, body);
  }

  @Get('deliveries')
  @Allow('admin')
  @ApiOperation({ summary: 'Mail of the clinic that failed or waits, as counts with reasons' })
  deliveries(@CurrentUser() caller: Caller): Promise<DeliveryFailures> {
    return this.notifications.deliveries(caller);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Turn one kind of mail off with the signed token of a mail’s link' })
  unsubscribe(@Body() body: UnsubscribeDto): Promise<UnsubscribeResult> {
    return this.notifications.unsubscribe(body.token);
  }

  @Post('unsubscribe/one-click')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058), posted by the mail program' })
  oneClick(@Query() query: UnsubscribeDto): Promise<UnsubscribeResult> {
    return this.notifications.unsubscribe(query.token);
  }

  @Post(':id/open')
  @HttpCode(200)
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({
    summary: 'Open one of the caller’s notifications: marks it read, says where it leads',
  })
  open(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<NotificationItem> {
    return this.notifications.open(caller, id);
  }
}
