import { Injectable } from '@nestjs/common';
import { SystemDb } from '@mend/shared/server';
import { Clinic } from '../entities';
import { InvitationsService } from '../invitations/invitations.service';

/** Onboarding: a new clinic with its first admin, who is invited to set a password. */
@Injectable()
export class ClinicsService {
  constructor(
    private readonly system: SystemDb,
    private readonly invitations: InvitationsService,
  ) {}

  async createWithAdmin(input: { name: string; adminEmail: string; adminName: string }) {
    // A command, before the clinic exists: the system path.
    const result = await this.system.run('clinic:create', async (manager) => {
      const clinic = await manager.save(manager.create(Clinic, { name: input.name }));
      const {
        user: admin,
        link,
        expiresAt,
      } = await this.invitations.inviteWithin(
        manager,
        null,
        {
          clinicId: clinic.id,
          email: input.adminEmail.trim().toLowerCase(),
          displayName: input.adminName,
          role: 'admin',
        },
        // The operator may know; a new clinic whose only admin can never sign in is no use.
        'refuse',
      );
      return { clinic, admin, link, expiresAt };
    });
    // The invitation mail waits in the outbox for the portal's mail job.
    return result;
  }
}
