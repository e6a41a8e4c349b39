import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InvitationSent, Page, UserSummary } from '@mend/shared/contracts';
import { Allow, CurrentUser } from '../access/access.decorators';
import type { Caller } from '../access/caller';
import { InviteUserDto } from '../dto/auth.dto';
import { ListUsersQueryDto, SetUserStatusDto } from '../dto/users.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
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
  @ApiOperation({ summary: 'Disable (ends their sessions at once) or re-enable an account' })
  setStatus(
    @CurrentUser() caller: Caller,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() body: SetUserStatusDto,
  ): Promise<UserSummary> {
    return this.users.setStatus(caller, id, body.status);
  }
}
