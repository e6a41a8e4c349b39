import { Injectable } from '@nestjs/common';
import { SystemDb } from '@mend/shared/server';
import { Clinic } from '../entities';
import { InvitationsService } from '../invitations/invitations.service';
import { MailService } from '../mail/mail.service';

/** Onboarding: a new clinic with its first admin, who is invited to set a password. */
@Injectable()
export class ClinicsService {
  constructor(
    private readonly system: SystemDb,
    private readonly invitations: InvitationsService,
    private readonly mail: MailService,
  ) {}

  async createWithAdmin(input: { name: string; adminEmail: string; adminName: string }) {
    // A command, before the clinic exists: the system path.
    const result = await this.system.run('clinic:create', async (manager) => {
      const clinic = await manager.save(manager.create(Clinic, { name: input.name }));
      const { user: admin, mail } = await this.invitations.inviteWithin(manager, null, {
        clinicId: clinic.id,
        email: input.adminEmail.trim().toLowerCase(),
        displayName: input.adminName,
        role: 'admin',
      });
      return { clinic, admin, mail };
    });
    await this.mail.sendInvitation(result.mail);
    return {
      clinic: result.clinic,
      admin: result.admin,
      link: result.mail.link,
      expiresAt: result.mail.expiresAt,
    };
  }
}
