import { Injectable } from '@nestjs/common';
import { ClinicSettings, People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import type { ClinicMessagingSettings, MessageCounts, ReplyTimes } from '@mend/shared/contracts';
import { ClinicDb } from '@mend/shared/server';

/**
 * The settings around conversations: the clinic's rule on client-started ones (its admins),
 * each counselor's stated reply times, and the admins' only view of messaging: a count per
 * counselor of conversations whose latest word is a client's, waiting over two days.
 */
@Injectable()
export class MessagingSettings {
  constructor(
    private readonly db: ClinicDb,
    private readonly people: People,
    private readonly clinicSettings: ClinicSettings,
  ) {}

  async clinic(caller: Caller): Promise<ClinicMessagingSettings> {
    return { clientThreads: await this.clinicSettings.clientThreads(caller) };
  }

  async setClinic(
    caller: Caller,
    input: ClinicMessagingSettings,
  ): Promise<ClinicMessagingSettings> {
    return {
      clientThreads: await this.clinicSettings.setClientThreads(caller, input.clientThreads),
    };
  }

  async replyTimes(caller: Caller): Promise<ReplyTimes> {
    return { text: (await this.people.replyTimes(caller, [caller.id])).get(caller.id) ?? null };
  }

  async setReplyTimes(caller: Caller, text: string): Promise<ReplyTimes> {
    await this.people.setReplyTimes(caller, text);
    return this.replyTimes(caller);
  }

  /** Every counselor of the clinic with their count (0 included), by name. */
  async counts(caller: Caller): Promise<MessageCounts> {
    return this.db.run(caller, async (tx) => {
      const rows: { counselor_id: string; unanswered: number }[] = await tx.query(
        `SELECT counselor_id, unanswered FROM message_counselor_counts`,
      );
      const waiting = new Map(rows.map((r) => [r.counselor_id, r.unanswered]));
      const counselors = await this.people.withRole(caller, 'counselor');
      return {
        counselors: counselors
          .map((c) => ({
            counselor: { userId: c.id, displayName: c.displayName },
            unansweredOverTwoDays: waiting.get(c.id) ?? 0,
          }))
          .sort(
            (a, b) =>
              b.unansweredOverTwoDays - a.unansweredOverTwoDays ||
              a.counselor.displayName.localeCompare(b.counselor.displayName),
          ),
      };
    });
  }
}
