import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ClinicSecuritySettings,
  Me,
  MfaStatus,
  PasskeySummary,
  RecoveryCodes,
  SecondFactorRequest,
  TotpSetup,
} from '@mend/shared/contracts';
import { Allow, CurrentUser, DuringSignIn, IdParam, StepUp } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { AuthService } from '../sessions/auth.service';
import {
  ClinicSecurityDto,
  PasskeyRegistrationDto,
  SecondFactorDto,
  TotpConfirmDto,
} from './mfa.dto';
import { MfaService } from './mfa.service';

/** The caller's own second factors. Adding one is allowed mid-sign-in only as the first one. */
@ApiTags('auth')
@Controller('auth/mfa')
@Allow('admin', 'counselor', 'client')
@DuringSignIn()
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My second factors and when I last gave one in this session' })
  status(@CurrentUser() caller: Caller): Promise<MfaStatus> {
    return this.mfa.status(caller);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the second factor: finishes signing in, or steps up' })
  async verify(@CurrentUser() caller: Caller, @Body() body: SecondFactorDto): Promise<Me> {
    await this.mfa.verify(caller, body as SecondFactorRequest);
    return this.auth.me({ ...caller, secondFactor: 'given' });
  }

  @Post('challenge')
  @HttpCode(200)
  @ApiOperation({ summary: 'A passkey challenge for signing in or stepping up' })
  challenge(@CurrentUser() caller: Caller): Promise<Record<string, unknown>> {
    return this.mfa.challenge(caller) as unknown as Promise<Record<string, unknown>>;
  }

  @Post('totp/setup')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new authenticator-app secret and its QR code (not active yet)' })
  async setupTotp(@CurrentUser() caller: Caller): Promise<TotpSetup> {
    const me = await this.auth.me(caller);
    return this.mfa.setupTotp(caller, me.email);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn the authenticator app on with its first code' })
  confirmTotp(@CurrentUser() caller: Caller, @Body() body: TotpConfirmDto): Promise<RecoveryCodes> {
    return this.mfa.confirmTotp(caller, body.code);
  }

  @Delete('totp')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the authenticator app off' })
  removeTotp(@CurrentUser() caller: Caller): Promise<void> {
    return this.mfa.removeTotp(caller);
  }

  @Post('passkeys/options')
  @HttpCode(200)
  @ApiOperation({ summary: 'Options for the browser to create a passkey' })
  async passkeyOptions(@CurrentUser() caller: Caller): Promise<Record<string, unknown>> {
    const me = await this.auth.me(caller);
    return this.mfa.passkeyOptions(caller, me.email) as unknown as Record<string, unknown>;
  }

  @Post('passkeys')
  @ApiOperation({ summary: 'Register the passkey the browser created' })
  addPasskey(
    @CurrentUser() caller: Caller,
    @Body() body: PasskeyRegistrationDto,
  ): Promise<{ passkey: PasskeySummary; recoveryCodes: string[] }> {
    return this.mfa.addPasskey(caller, body.response, body.name);
  }

  @Delete('passkeys/:id')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a passkey' })
  removePasskey(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<void> {
    return this.mfa.removePasskey(caller, id);
  }

  @Post('recovery-codes')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Ten new recovery codes (shown once); the old ones stop working' })
  renewRecoveryCodes(@CurrentUser() caller: Caller): Promise<RecoveryCodes> {
    return this.mfa.renewRecoveryCodes(caller);
  }
}

/** Who in the clinic must use two-step sign-in (admins). */
@ApiTags('clinic')
@Controller('clinic/security')
@Allow('admin')
export class ClinicSecurityController {
  constructor(private readonly mfa: MfaService) {}

  @Get()
  @ApiOperation({ summary: 'Who must use two-step sign-in' })
  get(@CurrentUser() caller: Caller): Promise<ClinicSecuritySettings> {
    return this.mfa.clinicSettings(caller);
  }

  @Put()
  @StepUp()
  @ApiOperation({ summary: 'Staff always; "everyone" adds clients' })
  set(
    @CurrentUser() caller: Caller,
    @Body() body: ClinicSecurityDto,
  ): Promise<ClinicSecuritySettings> {
    return this.mfa.setClinicSettings(caller, body);
  }
}
