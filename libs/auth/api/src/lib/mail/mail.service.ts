import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@mend/shared/server';

export interface InvitationMail {
  to: string;
  displayName: string;
  clinicName: string;
  link: string;
  expiresAt: Date;
}

/**
 * Sends mail through SMTP when SMTP_URL is set. Without it (local use) the invitation link is
 * written to the API log so the person running Mend can follow it.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
  }

  async sendInvitation(mail: InvitationMail): Promise<void> {
    if (!this.transport) {
      this.logger.log({
        msg: 'No SMTP_URL configured: follow this invitation link to accept',
        to: mail.to,
        invitationLink: mail.link,
      });
      return;
    }
    const expires = mail.expiresAt.toUTCString();
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: `You are invited to ${mail.clinicName} on Mend`,
      text: [
        `Hello ${mail.displayName},`,
        '',
        `${mail.clinicName} has invited you to Mend, its practice portal.`,
        'Open this link to choose your password and sign in:',
        '',
        mail.link,
        '',
        `The link works once and expires on ${expires}.`,
        'If you were not expecting this, you can ignore this email.',
      ].join('\n'),
    });
  }
}
