import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clinic } from '../entities';
import { InvitationsService } from '../invitations/invitations.service';
import { MailService } from '../mail/mail.service';

/** Onboarding: a new clinic with its first admin, who is invited to set a password. */
@Injectable()
export class ClinicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: InvitationsService,
    private readonly mail: MailService,
  ) {}

  async createWithAdmin(input: { name: string; adminEmail: string; adminName: string }) {
    const result = await this.dataSource.transaction(async (manager) => {
      const clinic = await manager.save(manager.create(Clinic, { name: input.name }));
      const admin = await this.invitations.createInvitedUser(manager, {
        clinicId: clinic.id,
        email: input.adminEmail.trim().toLowerCase(),
        displayName: input.adminName,
        role: 'admin',
      });
      const { link, expiresAt } = await this.invitations.issue(manager, admin, null);
      return { clinic, admin, link, expiresAt };
    });
    await this.mail.sendInvitation({
      to: result.admin.email,
      displayName: result.admin.displayName,
      clinicName: result.clinic.name,
      link: result.link,
      expiresAt: result.expiresAt,
    });
    return result;
  }
}
