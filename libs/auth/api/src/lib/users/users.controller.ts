import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { IdParam, StepUp } from '@mend/shared/server';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InvitationSent, OneTimeLink, Page, UserSummary } from '@mend/shared/contracts';
import { Allow, CurrentUser } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { InviteUserDto } from '../dto/auth.dto';
import { ListUsersQueryDto, SetUserStatusDto, UpdateUserDto } from '../dto/users.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { PasswordResetsService } from '../passwords/password-resets.service';
import { MfaService } from '../mfa/mfa.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly resets: PasswordResetsService,
    private readonly mfa: MfaService,
  ) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: 'The people of the admin’s clinic, paginated' })
  list(
    @CurrentUser() caller: Caller,
    @Query() query: ListUsersQueryDto,
  ): Promise<Page<UserSummary>> {
    return this.users.list(caller, query);
  }

  @Post('invitations')
  @Allow('admin')
  @ApiOperation({ summary: 'Invite a person by email and role; they receive a one-time link' })
  invite(@CurrentUser() caller: Caller, @Body() body: InviteUserDto): Promise<InvitationSent> {
    return this.invitations.invite(caller, body);
  }

  @Patch(':id/status')
  @Allow('admin')
  @StepUp()
  @ApiOperation({ summary: 'Disable (ends their sessions at once) or re-enable an account' })
  setStatus(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SetUserStatusDto,
  ): Promise<UserSummary> {
    return this.users.setStatus(caller, id, body.status);
  }

  @Post(':id/mfa/reset')
  @Allow('admin')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove every second factor of a person (lost phone) and end their sessions',
  })
  resetMfa(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<void> {
    return this.mfa.reset(caller, id);
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({ summary: 'Edit a person’s display name' })
  rename(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserSummary> {
    return this.users.rename(caller, id, body.displayName);
  }

  @Post(':id/invitation')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a new invitation link to someone who has not accepted yet' })
  resend(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<InvitationSent> {
    return this.users.resendInvitation(caller, id);
  }

  @Post(':id/link')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new one-time link to hand over (invitation or password reset); shown once, never mailed',
  })
  link(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<OneTimeLink> {
    return this.resets.linkFor(caller, id);
  }

  @Post(':id/password-reset')
  @Allow('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Mail a member a password reset link' })
  sendReset(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<{ mailed: boolean }> {
    return this.resets.sendFor(caller, id);
  }
}
