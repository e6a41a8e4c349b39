import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

/** A real SMTP server on a loopback port that keeps what it receives. */
export class Mailbox {
  readonly mails: ReceivedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text });
        done();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  lastTo(email: string): ReceivedMail {
    const mail = [...this.mails].reverse().find((m) => m.to.includes(email));
    if (!mail) throw new Error(`no mail to ${email}`);
    return mail;
  }

  /** The one-time token of the last invitation link sent to the address. */
  invitationToken(email: string): string {
    const match = /\/accept-invitation#token=([A-Za-z0-9_-]+)/.exec(this.lastTo(email).text);
    if (!match) throw new Error(`no invitation link in the mail to ${email}`);
    return match[1];
  }
}
