import { Body, Controller, Get, Injectable, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import type {
  ClientThreadRule,
  ClinicMailSettings,
  CrisisText,
  CrisisTextRequest,
} from '@mend/shared/contracts';
import { AuditService } from '@mend/audit/api';
import { Allow, ClinicDb, CurrentUser } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';

/** Mend's crisis text until a clinic writes its own: plain, and pointing to emergency help. */
export const DEFAULT_CRISIS_TEXT =
  'If you are in danger, or thinking about harming yourself, please call your local emergency number now (for example 911 in the US and Canada, 112 in Europe, 999 in the UK), or go to the nearest emergency department. Your counselor will read your answer, but Mend is not watched around the clock, so please do not wait for them.';

export class CrisisTextDto implements CrisisTextRequest {
  @ApiProperty({ description: 'Empty: use Mend’s default text' })
  @MaxLength(2000, { message: 'Keep the crisis text under 2000 characters.' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  text!: string;
}

/** The sender name of mail when a clinic has not chosen one: says nothing about counseling. */
export const DEFAULT_SENDER_NAME = 'Mend';

export class MailSettingsDto implements ClinicMailSettings {
  @ApiProperty({ description: 'Empty: "Mend"', example: 'HC Portal' })
  @MaxLength(60, { message: 'Keep the sender name under 60 characters.' })
  // Quotes, angle brackets and line breaks would break the mail's From header.
  @Matches(/^[^"<>\r\n]*$/, { message: 'The sender name cannot contain quotes or angle brackets.' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  senderName!: string;
}

/** The clinic's own settings: the crisis text clinical pages show, the sender name of its mail. */
@Injectable()
export class ClinicSettings {
  constructor(
    private readonly db: ClinicDb,
    private readonly audit: AuditService,
  ) {}

  async crisisText(caller: Caller): Promise<CrisisText> {
    return this.db.run(caller, async (tx) => {
      const [row]: { crisis_text: string | null }[] = await tx.query(
        `SELECT crisis_text FROM clinics WHERE id = $1`,
        [caller.clinicId],
      );
      const text = row?.crisis_text ?? null;
      return { text: text ?? DEFAULT_CRISIS_TEXT, isDefault: text === null };
    });
  }

  /** Which conversations the clinic's clients may start themselves. */
  async clientThreads(caller: Caller): Promise<ClientThreadRule> {
    return this.db.run(caller, async (tx) => {
      const [row]: { client_threads: ClientThreadRule }[] = await tx.query(
        `SELECT client_threads FROM clinics WHERE id = $1`,
        [caller.clinicId],
      );
      return row?.client_threads ?? 'private';
    });
  }

  async setClientThreads(caller: Caller, rule: ClientThreadRule): Promise<ClientThreadRule> {
    return this.db.run(caller, async (tx) => {
      await tx.query(`UPDATE clinics SET client_threads = $1, updated_at = now() WHERE id = $2`, [
        rule,
        caller.clinicId,
      ]);
      await this.audit.record(tx, caller, {
        action: 'clinic.messaging_changed',
        entityType: 'clinic',
        entityId: caller.clinicId,
        details: { clientThreads: rule },
      });
      return this.clientThreads(caller);
    });
  }

  async setCrisisText(caller: Caller, text: string): Promise<CrisisText> {
    return this.db.run(caller, async (tx) => {
      await tx.query(`UPDATE clinics SET crisis_text = $1, updated_at = now() WHERE id = $2`, [
        text === '' ? null : text,
        caller.clinicId,
      ]);
      await this.audit.record(tx, caller, {
        action: 'clinic.crisis_text_changed',
        entityType: 'clinic',
        entityId: caller.clinicId,
        details: { isDefault: text === '' },
      });
      return this.crisisText(caller);
    });
  }
}

/** Extends ClinicSettings with the mail sender name (admin only). */
@Injectable()
export class ClinicMailSettingsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly audit: AuditService,
  ) {}

  async get(caller: Caller): Promise<ClinicMailSettings> {
    return this.db.run(caller, async (tx) => {
      const [row]: { mail_sender_name: string | null }[] = await tx.query(
        `SELECT mail_sender_name FROM clinics WHERE id = $1`,
        [caller.clinicId],
      );
      return { senderName: row?.mail_sender_name ?? DEFAULT_SENDER_NAME };
    });
  }

  async set(caller: Caller, senderName: string): Promise<ClinicMailSettings> {
    return this.db.run(caller, async (tx) => {
      await tx.query(`UPDATE clinics SET mail_sender_name = $1, updated_at = now() WHERE id = $2`, [
        senderName === '' ? null : senderName,
        caller.clinicId,
      ]);
      await this.audit.record(tx, caller, {
        action: 'clinic.mail_sender_changed',
        entityType: 'clinic',
        entityId: caller.clinicId,
      });
      return this.get(caller);
    });
  }
}

@ApiTags('clinic')
@Controller('clinic')
export class ClinicSettingsController {
  constructor(
    private readonly settings: ClinicSettings,
    private readonly mail: ClinicMailSettingsService,
  ) {}

  @Get('mail-settings')
  @Allow('admin')
  @ApiOperation({ summary: 'The name the clinic’s mail comes from' })
  mailSettings(@CurrentUser() caller: Caller): Promise<ClinicMailSettings> {
    return this.mail.get(caller);
  }

  @Put('mail-settings')
  @Allow('admin')
  @ApiOperation({ summary: 'Set the name the clinic’s mail comes from (empty: "Mend")' })
  setMailSettings(
    @CurrentUser() caller: Caller,
    @Body() body: MailSettingsDto,
  ): Promise<ClinicMailSettings> {
    return this.mail.set(caller, body.senderName);
  }

  @Get('crisis-text')
  @Allow('admin', 'counselor', 'client')
  @ApiOperation({ summary: 'The crisis text a client sees when they pick a critical answer' })
  crisisText(@CurrentUser() caller: Caller): Promise<CrisisText> {
    return this.settings.crisisText(caller);
  }

  @Put('crisis-text')
  @Allow('admin')
  @ApiOperation({ summary: 'Set the clinic’s crisis text (empty: Mend’s default)' })
  setCrisisText(@CurrentUser() caller: Caller, @Body() body: CrisisTextDto): Promise<CrisisText> {
    return this.settings.setCrisisText(caller, body.text);
  }
}
