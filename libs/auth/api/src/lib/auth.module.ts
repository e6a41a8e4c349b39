import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '@mend/audit/api';
import { AccessGuard } from './access/access.guard';
import { AuthController } from './auth.controller';
import {
  ClinicMailSettingsService,
  ClinicSettings,
  ClinicSettingsController,
} from './clinics/clinic-settings';
import { ClinicsService } from './clinics/clinics.service';
import { InvitationsService } from './invitations/invitations.service';
import { ClinicSecurityController, MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordResetsService } from './passwords/password-resets.service';
import { MailPeople } from './users/mail-people';
import { AuthService } from './sessions/auth.service';
import { LoginSessionsService } from './sessions/login-sessions.service';
import { LoginThrottleService } from './sessions/login-throttle.service';
import { TrustedDevices } from './sessions/trusted-devices';
import { LocalStrategy, SessionStrategy } from './sessions/strategies';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { People } from './users/people';

/** Sign-in, sessions, invitations and the clinic's people; installs the deny-by-default guard. */
@Module({
  imports: [PassportModule, AuditModule],
  controllers: [
    AuthController,
    UsersController,
    ClinicSettingsController,
    MfaController,
    ClinicSecurityController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    AuthService,
    ClinicMailSettingsService,
    ClinicSettings,
    ClinicsService,
    InvitationsService,
    LocalStrategy,
    LoginSessionsService,
    LoginThrottleService,
    TrustedDevices,
    MailPeople,
    MfaService,
    PasswordHasher,
    PasswordResetsService,
    People,
    SessionStrategy,
    UsersService,
  ],
  exports: [
    ClinicSettings,
    AuthService,
    ClinicsService,
    InvitationsService,
    LoginSessionsService,
    MfaService,
    PasswordHasher,
    People,
    UsersService,
  ],
})
export class AuthModule {}
