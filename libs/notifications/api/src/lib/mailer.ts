import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { NotificationKind } from '@mend/shared/contracts';
import { APP_CONFIG, AppConfig } from '@mend/shared/server';
import type { MailPurpose } from './notifications.entities';

export interface OutgoingMail {
  to: string;
  senderName: string;
  purpose: MailPurpose;
  link: string;
  /** An appointment's iCalendar file (neutral title and place), attached. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** For a notice: a one-click link that turns its kind of mail off. */
  unsubscribe?: { page: string; oneClick: string; kind: NotificationKind };
}

/** Why a mail could not be sent, in words fit for the admin's count (no address, no content). */
export class MailRefused extends Error {}

/**
 * Writes and sends Mend's mail. Every mail is content-free by design: partners may read each
 * other's mail, so a subject and body never name an exercise, a person or anything clinical.
 * They say there is something new, and link to it.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('Mail');
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new MailRefused('no mail server configured');
    const { subject, lines } = compose(mail);
    const address = /<([^>]+)>/.exec(this.config.mailFrom)?.[1] ?? this.config.mailFrom;
    try {
      await this.transport.sendMail({
        from: { name: mail.senderName, address },
        to: mail.to,
        subject,
        text: lines.join('\n'),
        ...(mail.calendar
          ? {
              icalEvent: {
                method: mail.calendar.method,
                filename: 'appointment.ics',
                content: mail.calendar.content,
              },
            }
          : {}),
        headers: mail.unsubscribe
          ? {
              'List-Unsubscribe': `<${mail.unsubscribe.oneClick}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {},
      });
    } catch (error) {
      throw new MailRefused(reasonOf(error));
    }
    this.logger.debug({ msg: 'Mail sent', purpose: mail.purpose });
  }
}

/** The words of each mail. Nothing in them depends on what happened, only on the purpose. */
export function compose(mail: OutgoingMail): { subject: string; lines: string[] } {
  switch (mail.purpose) {
    case 'invitation':
      return {
        subject: 'Your invitation to Mend',
        lines: [
          'Hello,',
          '',
          `${mail.senderName} has invited you to Mend.`,
          'Open this link to choose your password and sign in:',
          '',
          mail.link,
          '',
          'The link works once and expires in 3 days.',
          'If you were not expecting this, you can ignore this email.',
        ],
      };
    case 'invitation_elsewhere':
      // Only the owner of the address reads this: the inviting admin is told nothing of it.
      return {
        subject: 'Your invitation to Mend',
        lines: [
          'Hello,',
          '',
          `${mail.senderName} has invited you to Mend, but this email address already has a Mend account with another practice.`,
          'An account belongs to one practice, so this invitation cannot be accepted.',
          `To join ${mail.senderName} too, ask them to invite you with another email address.`,
          'To sign in to the account you have, open:',
          '',
          mail.link,
          '',
          'If you were not expecting this, you can ignore this email.',
        ],
      };
    case 'password_reset':
      return {
        subject: 'Reset your Mend password',
        lines: [
          'Hello,',
          '',
          'Someone asked to reset the password of your Mend account.',
          'Open this link within 30 minutes to choose a new one:',
          '',
          mail.link,
          '',
          'If it was not you, ignore this email: your password stays as it is.',
        ],
      };
    case 'notice':
      return {
        subject: 'Something new in Mend',
        lines: [
          'Hello,',
          '',
          'There is something new for you in Mend. Sign in to see it:',
          '',
          mail.link,
          '',
          '—',
          'To stop this kind of email, open:',
          mail.unsubscribe?.page ?? '',
        ],
      };
  }
}

/** An SMTP failure as a short reason: its response code class, never the server's text. */
function reasonOf(error: unknown): string {
  const e = error as { responseCode?: number; code?: string };
  if (e.responseCode && e.responseCode >= 500) return 'refused by the mail server';
  if (e.responseCode && e.responseCode >= 400) return 'mail server busy';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT')
    return 'mail server unreachable';
  if (e.code === 'EAUTH') return 'mail server sign-in failed';
  return 'sending failed';
}
