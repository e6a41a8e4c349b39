import type {} from '@fastify/cookie';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as CustomStrategy } from 'passport-custom';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { BACKGROUND_HEADER } from '@mend/shared/contracts';
import type { Caller } from '@mend/shared/server';
import { AuthService } from './auth.service';
import { LoginSessionsService, SESSION_COOKIE } from './login-sessions.service';
import { DEVICE_COOKIE } from './trusted-devices';

/** Email and password, for `POST /api/auth/login` only. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(
    request: FastifyRequest,
    email: string,
    password: string,
  ): Promise<Omit<Caller, 'sessionId'>> {
    const user = await this.auth.verifyCredentials(email.trim().toLowerCase(), password, {
      ip: request.ip,
      deviceCookie: request.cookies?.[DEVICE_COOKIE],
    });
    return { id: user.id, role: user.role, clinicId: user.clinicId };
  }
}

const SESSION_TIMES_ROUTE = '/api/auth/session';

/** Whether `url` (a path and maybe a query string) is `path`. */
const isPath = (url: string, path: string) =>
  url.startsWith(path) && (url.length === path.length || url[path.length] === '?');

/** The session cookie, checked on every request that is not public. */
@Injectable()
export class SessionStrategy extends PassportStrategy(CustomStrategy, 'session') {
  constructor(private readonly sessions: LoginSessionsService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Caller> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) throw new UnauthorizedException('Please sign in.');
    // Asking when the session ends, and the web app's background polls (the bell), are not
    // activity: counting them would keep an idle tab signed in forever.
    // (By the request's path: fastify builds a new `routeOptions` object on every read.)
    const activity =
      !isPath(request.url, SESSION_TIMES_ROUTE) &&
      !request.headers[BACKGROUND_HEADER.toLowerCase()];
    const caller = await this.sessions.resolve(token, activity, request.ip);
    if (!caller) throw new UnauthorizedException('Your session has ended. Please sign in again.');
    return caller;
  }
}
