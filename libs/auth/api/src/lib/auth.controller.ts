import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InvitationPreview, Me, SessionTimes, WhoAmI } from '@mend/shared/contracts';
import { Allow, CurrentUser, DuringSignIn, Public } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  InvitationTokenDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './dto/auth.dto';
import { PasswordResetsService } from './passwords/password-resets.service';
import { InvitationsService } from './invitations/invitations.service';
import { AuthService } from './sessions/auth.service';
import { LoginGuard } from './sessions/login.guard';
import { LoginSessionsService } from './sessions/login-sessions.service';
import { SessionStrategy } from './sessions/strategies';

const clientOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: LoginSessionsService,
    private readonly invitations: InvitationsService,
    private readonly resets: PasswordResetsService,
    private readonly sessionCookie: SessionStrategy,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for the account, this device or this address',
  })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords being checked at once' })
  async login(
    @Body() _body: LoginDto,
    @Req() request: FastifyRequest & { user: Caller },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    const caller = await this.sessions.start(request.user, reply, clientOf(request));
    this.auth.rememberDevice(request, reply, caller);
    return this.auth.me(caller);
  }

  @Post('logout')
  @Allow('admin', 'counselor', 'client')
  @DuringSignIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends this session' })
  async logout(
    @CurrentUser() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.end(caller.sessionId, reply);
    await this.auth.recordSignOut(caller);
  }

  @Get('me')
  @Allow('admin', 'counselor', 'client')
  @DuringSignIn()
  @ApiOkResponse({ description: 'The signed-in user and their clinic' })
  me(@CurrentUser() caller: Caller): Promise<Me> {
    return this.auth.me(caller);
  }

  /**
   * What the web app asks when it starts: like `me`, but nobody signed in is an answer, not an
   * error (a 401 on every signed-out page load shows in the browser's console as a failed
   * request). The session is checked as the access guard checks it, and counts as activity.
   */
  @Get('whoami')
  @Public()
  @ApiOperation({ summary: 'Who is signed in, or { me: null }: 200 either way' })
  @ApiOkResponse({ description: 'The signed-in user and their clinic, or null' })
  async whoami(@Req() request: FastifyRequest): Promise<WhoAmI> {
    const caller = await this.sessionCookie.validate(request).catch((error: unknown) => {
      if (error instanceof UnauthorizedException) return null;
      throw error;
    });
    return { me: caller ? await this.auth.me(caller) : null };
  }

  @Get('session')
  @Allow('admin', 'counselor', 'client')
  @DuringSignIn()
  @ApiOperation({ summary: 'When this session ends without activity, and at the latest' })
  session(@CurrentUser() caller: Caller): Promise<SessionTimes> {
    return this.sessions.times(caller.sessionId);
  }

  @Post('session/keepalive')
  @Allow('admin', 'counselor', 'client')
  @DuringSignIn()
  @HttpCode(200)
  @ApiOperation({
    summary: '"Stay signed in": counts as activity, so the idle timeout starts again',
  })
  keepalive(@CurrentUser() caller: Caller): Promise<SessionTimes> {
    return this.sessions.times(caller.sessionId, true);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Forgot your password: mails a link if the address has an account (same answer either way)',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many requests for this address or from here' })
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<{ message: string }> {
    await this.resets.request(body.email, request.ip);
    return {
      message:
        'If an account exists for this address, we have sent a link to choose a new password. It works for 30 minutes.',
    };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose a new password with a reset link; ends every session, signs in',
  })
  confirmReset(
    @Body() body: PasswordResetConfirmDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    return this.resets.confirm(body, reply, clientOf(request));
  }

  @Post('password')
  @Allow('admin', 'counselor', 'client')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change password; ends every other session of the user' })
  async changePassword(
    @CurrentUser() caller: Caller,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.changePassword(
      caller,
      body.currentPassword,
      body.newPassword,
      reply,
      clientOf(request),
    );
  }

  @Post('invitations/preview')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Who an invitation link is for (the token stays out of URLs and logs)' })
  previewInvitation(@Body() body: InvitationTokenDto): Promise<InvitationPreview> {
    return this.invitations.preview(body.token);
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with an invitation link and sign in' })
  acceptInvitation(
    @Body() body: AcceptInvitationDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    return this.invitations.accept(body, reply, clientOf(request));
  }
}
