import type {} from '@fastify/cookie';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, FieldEncryptionService } from '@mend/shared/server';

export const DEVICE_COOKIE = 'mend_device';
const PURPOSE = 'sign-in device';
/** A family computer may be shared: it remembers this many accounts, the latest first. */
const MAX_ACCOUNTS = 5;
const MAX_AGE_SECONDS = 180 * 24 * 3600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/** An account this browser signed in to before, and the browser's id for it. */
export interface KnownDevice {
  userId: string;
  device: string;
}

/**
 * OWASP's "device cookie": after a right password the browser gets a signed, HttpOnly cookie
 * naming the account and a random device id. While guesses from elsewhere hold the account
 * back, a browser with this cookie still signs in, against a failure budget of its own. The
 * cookie goes only to the sign-in route and proves nothing else: it is not a session.
 */
@Injectable()
export class TrustedDevices {
  constructor(
    private readonly encryption: FieldEncryptionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The accounts of a device cookie; none when it is missing, forged or from a retired key. */
  read(cookie: string | undefined): KnownDevice[] {
    if (!cookie || cookie.length > 1000) return [];
    const value = this.encryption.verify(cookie, PURPOSE);
    if (!value) return [];
    return value.split(',').flatMap((entry) => {
      const [userId = '', device = ''] = entry.split(':');
      return UUID.test(userId) && DEVICE_ID.test(device) ? [{ userId, device }] : [];
    });
  }

  /** After the right password: this account first, with a fresh device id. */
  remember(request: FastifyRequest, reply: FastifyReply, userId: string): void {
    const others = this.read(request.cookies?.[DEVICE_COOKIE]).filter((k) => k.userId !== userId);
    const known = [{ userId, device: randomBytes(16).toString('base64url') }, ...others];
    const value = known
      .slice(0, MAX_ACCOUNTS)
      .map((k) => `${k.userId}:${k.device}`)
      .join(',');
    void reply.setCookie(DEVICE_COOKIE, this.encryption.sign(value, PURPOSE), {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/api/auth/login',
      maxAge: MAX_AGE_SECONDS,
    });
  }
}
