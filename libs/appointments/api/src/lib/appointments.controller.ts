import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Caller, CurrentUser, Public } from '@mend/auth/api';
import type {
  AppointmentSlots,
  AppointmentView,
  Availability,
  CalendarFeed,
} from '@mend/shared/contracts';
import { IdParam } from '@mend/shared/server';
import {
  AppointmentReasonDto,
  AppointmentsQueryDto,
  AppointmentTimeDto,
  AvailabilityExceptionDto,
  RequestAppointmentDto,
  SaveAvailabilityDto,
  SlotsQueryDto,
} from './appointments.dto';
import { AppointmentsService } from './appointments.service';
import { AvailabilityService } from './availability.service';
import { CalendarFeeds } from './calendar-feed.service';

/** Availability, appointment requests and answers, and the counselor's calendar feed. */
@ApiTags('appointments')
@Controller()
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly availability: AvailabilityService,
    private readonly feeds: CalendarFeeds,
  ) {}

  @Get('availability')
  @Allow('counselor')
  @ApiOperation({ summary: 'Your weekly availability, session lengths and exceptions' })
  mine(@CurrentUser() caller: Caller): Promise<Availability> {
    return this.availability.mine(caller);
  }

  @Put('availability')
  @Allow('counselor')
  @ApiOperation({ summary: 'Set your weekly availability (in your time zone) and session lengths' })
  save(@CurrentUser() caller: Caller, @Body() body: SaveAvailabilityDto): Promise<Availability> {
    return this.availability.save(caller, body);
  }

  @Post('availability/exceptions')
  @Allow('counselor')
  @ApiOperation({ summary: 'Add time off or an extra window' })
  addException(
    @CurrentUser() caller: Caller,
    @Body() body: AvailabilityExceptionDto,
  ): Promise<Availability> {
    return this.availability.addException(caller, body);
  }

  @Delete('availability/exceptions/:id')
  @Allow('counselor')
  @ApiOperation({ summary: 'Remove an exception' })
  removeException(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<Availability> {
    return this.availability.removeException(caller, id);
  }

  @Get('cases/:caseId/appointment-slots')
  @Allow('counselor', 'client')
  @ApiOperation({
    summary: 'The case counselor’s free times for an individual or joint appointment',
  })
  slots(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Query() query: SlotsQueryDto,
  ): Promise<AppointmentSlots> {
    return this.appointments.slots(caller, caseId, query);
  }

  @Post('cases/:caseId/appointments')
  @Allow('client')
  @ApiOperation({ summary: 'Ask for an appointment at a free time (clients; a retry answers 200)' })
  async request(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: RequestAppointmentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppointmentView> {
    const { view, created } = await this.appointments.request(caller, caseId, body);
    reply.status(created ? 201 : 200);
    return view;
  }

  @Get('appointments')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Your appointments: upcoming, waiting for an answer, or past' })
  list(
    @CurrentUser() caller: Caller,
    @Query() query: AppointmentsQueryDto,
  ): Promise<AppointmentView[]> {
    return this.appointments.list(caller, query.scope);
  }

  @Get('appointments/:id')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'One appointment with its history' })
  get(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<AppointmentView> {
    return this.appointments.get(caller, id);
  }

  @Post('appointments/:id/accept')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a request: it becomes an upcoming session' })
  accept(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<AppointmentView> {
    return this.appointments.accept(caller, id);
  }

  @Post('appointments/:id/propose')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Propose another time' })
  propose(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AppointmentTimeDto,
  ): Promise<AppointmentView> {
    return this.appointments.propose(caller, id, body.startsAt);
  }

  @Post('appointments/:id/accept-proposal')
  @Allow('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the counselor’s proposed time' })
  acceptProposal(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<AppointmentView> {
    return this.appointments.acceptProposal(caller, id);
  }

  @Post('appointments/:id/decline')
  @Allow('counselor', 'client')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline a request (counselor, with a reason) or a proposed time (client)',
  })
  decline(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AppointmentReasonDto,
  ): Promise<AppointmentView> {
    return this.appointments.decline(caller, id, body.reason);
  }

  @Post('appointments/:id/cancel')
  @Allow('counselor', 'client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an appointment (its history is kept)' })
  cancel(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AppointmentReasonDto,
  ): Promise<AppointmentView> {
    return this.appointments.cancel(caller, id, body.reason);
  }

  @Post('appointments/:id/reschedule')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an accepted appointment and its session' })
  reschedule(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AppointmentTimeDto,
  ): Promise<AppointmentView> {
    return this.appointments.reschedule(caller, id, body.startsAt);
  }

  @Get('calendar-feed')
  @Allow('counselor')
  @ApiOperation({ summary: 'Whether your private calendar feed is active' })
  feed(@CurrentUser() caller: Caller): Promise<CalendarFeed> {
    return this.feeds.get(caller);
  }

  @Post('calendar-feed')
  @Allow('counselor')
  @ApiOperation({ summary: 'A new private feed address (the old one stops working)' })
  newFeed(@CurrentUser() caller: Caller): Promise<CalendarFeed> {
    return this.feeds.create(caller);
  }

  @Delete('calendar-feed')
  @Allow('counselor')
  @ApiOperation({ summary: 'Revoke your calendar feed' })
  revokeFeed(@CurrentUser() caller: Caller): Promise<CalendarFeed> {
    return this.feeds.revoke(caller);
  }

  /** The feed itself: its secret address is the only key (a calendar app cannot sign in). */
  @Get('calendar/:file')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'A counselor’s calendar feed (neutral titles only)' })
  async calendar(
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const content = file.endsWith('.ics') ? await this.feeds.file(file.slice(0, -4)) : null;
    if (content === null) throw new NotFoundException('Not found.');
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer');
    return content;
  }
}
