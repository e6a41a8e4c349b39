import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
  /** Header lines, unfolded, by lower-case name. */
  headers: Record<string, string>;
}

function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return Object.fromEntries(
    head.split(/\r?\n/).map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
}

/** A real SMTP server on a loopback port that keeps what it receives. */
export class Mailbox {
  readonly mails: ReceivedMail[] = [];
  private readonly received = new Map<string, number>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // Quoted-printable escapes are bytes of UTF-8: undo them as bytes, then decode.
        const bytes = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        const text = Buffer.from(bytes, 'latin1').toString('utf8');
        this.mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text,
          headers: headersOf(raw),
        });
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

  /** The mails to an address so far. */
  to(email: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(email));
  }

  /**
   * The next mail to the address not yet received by the test: mail leaves Mend through a
   * job queue, so it arrives a moment after the request that caused it.
   */
  async receive(email: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const seen = this.received.get(email) ?? 0;
    const deadline = Date.now() + timeoutMs;
    while (this.to(email).length <= seen) {
      if (Date.now() > deadline) throw new Error(`no new mail to ${email} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.received.set(email, seen + 1);
    return this.to(email)[seen];
  }

  /** Waits until `count` mails in all have arrived (or the time is up) and returns them. */
  async settle(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.mails;
  }

  /** The one-time token of the next invitation mail to the address. */
  async invitationToken(email: string): Promise<string> {
    return tokenIn(await this.receive(email), 'accept-invitation');
  }
}

/** The token of a Mend link (`/<path>#token=…`) in a mail. */
export function tokenIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`/${path}#token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in the mail`);
  return match[1];
}

/**
 * The iCalendar file a mail carries (its `text/calendar` part, decoded), or null. A mail client
 * reads the same part to offer "add to calendar".
 */
export function calendarPart(mail: ReceivedMail): string | null {
  const parts = mail.raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const headers = headersOf(head);
    if (!headers['content-type']?.startsWith('text/calendar')) continue;
    const body = rest.join('\n\n').split(/\r?\n--/)[0];
    const encoding = headers['content-transfer-encoding']?.toLowerCase();
    if (encoding === 'base64')
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable')
      return body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return body;
  }
  return null;
}
