import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who a mail goes to, as the owner of people (auth) tells it. */
export interface MailRecipient {
  id: string;
  clinicId: string;
  email: string;
  status: 'invited' | 'active' | 'disabled';
  /** The name the clinic's mail comes from. */
  senderName: string;
}

/** What auth tells this library about people. */
export interface PeoplePort {
  recipients(tx: EntityManager, userIds: string[]): Promise<MailRecipient[]>;
  /** The active admins of each clinic. */
  admins(tx: EntityManager, clinicIds: string[]): Promise<{ id: string; clinicId: string }[]>;
}

/** Answers which of the people must get no mail about Mend at all (e.g. a safety check said so). */
export type MailGate = (tx: EntityManager, userIds: string[]) => Promise<Set<string>>;

/**
 * The ports this library needs from the domains built on it: auth answers who a person is and
 * where their mail goes, safety which people must not be mailed. They register here when their
 * module starts, so this library never imports them.
 */
@Injectable()
export class MailDirectory {
  private people?: PeoplePort;
  private readonly gates: MailGate[] = [];

  providePeople(people: PeoplePort): void {
    this.people = people;
  }

  addGate(gate: MailGate): void {
    this.gates.push(gate);
  }

  async recipients(tx: EntityManager, userIds: string[]): Promise<Map<string, MailRecipient>> {
    const found = userIds.length ? await this.port().recipients(tx, userIds) : [];
    return new Map(found.map((r) => [r.id, r]));
  }

  admins(tx: EntityManager, clinicIds: string[]): Promise<{ id: string; clinicId: string }[]> {
    return clinicIds.length ? this.port().admins(tx, clinicIds) : Promise.resolve([]);
  }

  private port(): PeoplePort {
    if (!this.people) throw new Error('No people port is registered (auth provides it).');
    return this.people;
  }

  /** The people no notice may be mailed to. Security mail does not ask. */
  async barred(tx: EntityManager, userIds: string[]): Promise<Set<string>> {
    const barred = new Set<string>();
    for (const gate of this.gates) for (const id of await gate(tx, userIds)) barred.add(id);
    return barred;
  }
}
