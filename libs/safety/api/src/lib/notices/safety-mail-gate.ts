import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailDirectory } from '@mend/notifications/api';
import { encryptionContext, FieldEncryptionService } from '@mend/shared/server';

/** The check-in's question whether mail about Mend is safe for the member. */
export const MAIL_QUESTION = 'safe_to_get_messages';

/** "Not safe" and "not sure" both mean no mail: when in doubt, Mend stays quiet. */
export function mailUnsafe(answer: unknown): boolean {
  return answer === 'unsure' || answer === 'not_safe';
}

/**
 * A member whose latest check-in says mail about Mend is not safe (or is unsure) gets no
 * notice by mail at all; they see their notifications when they sign in. Security mail they
 * asked for themselves (a password reset) still goes.
 */
@Injectable()
export class SafetyMailGate implements OnModuleInit {
  constructor(
    private readonly directory: MailDirectory,
    private readonly encryption: FieldEncryptionService,
  ) {}

  onModuleInit(): void {
    this.directory.addGate((tx, userIds) => this.barred(tx, userIds));
  }

  async barred(tx: EntityManager, userIds: string[]): Promise<Set<string>> {
    const latest: {
      id: string;
      client_id: string;
      mail_unsafe: boolean | null;
      answers_enc: string | null;
    }[] = await tx.query(
      `SELECT DISTINCT ON (client_id) id, client_id, mail_unsafe,
                CASE WHEN mail_unsafe IS NULL THEN answers_enc END AS answers_enc
           FROM safety_checks
          WHERE client_id = ANY($1::uuid[]) AND submitted_at IS NOT NULL
          ORDER BY client_id, submitted_at DESC`,
      [userIds],
    );
    const barred = new Set<string>();
    for (const check of latest) {
      const unsafe =
        check.mail_unsafe ??
        (check.answers_enc !== null &&
          mailUnsafe(
            (
              JSON.parse(
                this.encryption.decrypt(
                  check.answers_enc,
                  encryptionContext('safety_checks', 'answers_enc', check.id),
                ),
              ) as Record<string, unknown>
            )[MAIL_QUESTION],
          ));
      if (unsafe) barred.add(check.client_id);
    }
    return barred;
  }
}
