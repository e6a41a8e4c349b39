import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROLE_LABELS, type Role } from '@mend/shared/contracts';
import { MailDirectory, MailRecipient, Notifier, Reminders } from '@mend/notifications/api';
import { SystemDb } from '@mend/shared/server';
import { DEFAULT_SENDER_NAME } from '../clinics/clinic-settings';

/**
 * Auth's answer to the notifications library: where a person's mail goes and who a clinic's
 * admins are (registered at start: notifications is built below auth and cannot ask it), and
 * the admins' reminder of invitations not accepted after 7 days.
 */
@Injectable()
export class MailPeople implements OnModuleInit {
  constructor(
    private readonly directory: MailDirectory,
    private readonly notifier: Notifier,
    private readonly reminders: Reminders,
    private readonly system: SystemDb,
  ) {}

  onModuleInit(): void {
    this.directory.providePeople({
      recipients: (tx, ids) => this.recipients(tx, ids),
      admins: (tx, clinicIds) => this.admins(tx, clinicIds),
    });
    this.reminders.register('unaccepted invitations', (now) => this.unaccepted(now));
  }

  /** Admins hear once of each person who has not accepted their invitation after 7 days. */
  async unaccepted(now: Date): Promise<void> {
    await this.system.run('unaccepted invitations', async (tx) => {
      const people: { id: string; clinic_id: string; display_name: string; role: Role }[] =
        await tx.query(
          `SELECT id, clinic_id, display_name, role FROM users
            WHERE status = 'invited'
              AND created_at BETWEEN $1::timestamptz - interval '30 days' AND $1::timestamptz - interval '7 days'`,
          [now],
        );
      if (people.length === 0) return;
      const admins = await this.admins(tx, [...new Set(people.map((p) => p.clinic_id))]);
      await this.notifier.notifyAll(
        tx,
        people.flatMap((person) =>
          admins
            .filter((a) => a.clinicId === person.clinic_id)
            .map((a) => ({
              clinicId: person.clinic_id,
              userId: a.id,
              kind: 'invitation_unaccepted' as const,
              link: '/people',
              text: `${person.display_name} (${ROLE_LABELS[person.role].toLowerCase()}) has not accepted their invitation after 7 days.`,
              dedupeKey: `unaccepted:${person.id}`,
            })),
        ),
      );
    });
  }

  private async recipients(tx: EntityManager, ids: string[]): Promise<MailRecipient[]> {
    const rows: {
      id: string;
      clinic_id: string;
      email: string;
      status: MailRecipient['status'];
      sender: string | null;
    }[] = await tx.query(
      `SELECT u.id, u.clinic_id, u.email, u.status, c.mail_sender_name AS sender
         FROM users u JOIN clinics c ON c.id = u.clinic_id
        WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      clinicId: r.clinic_id,
      email: r.email,
      status: r.status,
      senderName: r.sender ?? DEFAULT_SENDER_NAME,
    }));
  }

  private async admins(
    tx: EntityManager,
    clinicIds: string[],
  ): Promise<{ id: string; clinicId: string }[]> {
    const rows: { id: string; clinic_id: string }[] = await tx.query(
      `SELECT id, clinic_id FROM users
        WHERE clinic_id = ANY($1::uuid[]) AND role = 'admin' AND status = 'active'`,
      [clinicIds],
    );
    return rows.map((r) => ({ id: r.id, clinicId: r.clinic_id }));
  }
}
