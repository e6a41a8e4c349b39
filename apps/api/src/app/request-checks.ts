import {
  ForbiddenException,
  Logger,
  NotFoundException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '@mend/shared/contracts';
import { assertSafeInput, parseJsonBody, sendError } from '@mend/shared/server';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * A mail program's one-click unsubscribe (RFC 8058): it posts a form without our header and
 * without a cookie; its signed token is the proof. The only route exempt from the CSRF check,
 * and the only one that takes a form.
 */
const ONE_CLICK_UNSUBSCRIBE = { method: 'POST', url: '/api/notifications/unsubscribe/one-click' };

const isOneClick = (request: FastifyRequest) =>
  request.method === ONE_CLICK_UNSUBSCRIBE.method &&
  request.routeOptions.url === ONE_CLICK_UNSUBSCRIBE.url;

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * The checks every request passes before any route sees it, each decided on the route Fastify
 * matched (after routing), never on the raw URL, so no spelling of a path (`/%61pi/…`, double
 * slashes) skips one:
 * - CSRF: every unsafe method must send `X-Requested-With`. A cross-site form or image cannot
 *   set a custom header, and a cross-site fetch that sets one needs a CORS preflight we never
 *   grant (cookies are SameSite=Strict too; this holds even where that is not honoured).
 * - Bodies are JSON: anything else answers 415 before it is parsed, so no parser we did not
 *   choose ever reads input (and a form, which a cross-site page can post, never reaches one).
 * - The JSON parser refuses what no field accepts (see `parseJsonBody`), and query parameters
 *   get the same text checks: each refusal is a 400 naming the field.
 * - API answers are `Cache-Control: no-store`: clinical data must not stay in the cache of a
 *   family's shared device. The web app's own files keep their caching.
 */
export function registerRequestChecks(fastify: FastifyInstance): void {
  const logger = new Logger('Requests');

  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // The one-click unsubscribe's form says nothing we use: its token is in the query.
  fastify.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, _body, done) =>
    done(null, undefined),
  );

  fastify.addHook('onRequest', (request, reply, done) => {
    const oneClick = isOneClick(request);
    if (
      !SAFE_METHODS.has(request.method) &&
      !oneClick &&
      !request.headers[CSRF_HEADER.toLowerCase()]
    ) {
      sendError(
        reply,
        new ForbiddenException(`Requests that change data must send the ${CSRF_HEADER} header.`),
        logger,
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && hasBody(request)) {
      const type = mediaType(request);
      if (type !== JSON_TYPE && !(oneClick && type === FORM)) {
        sendError(
          reply,
          new UnsupportedMediaTypeException(
            'Send the request body as JSON, with the header Content-Type: application/json.',
          ),
          logger,
        );
        return;
      }
    }
    done();
  });

  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertSafeInput(request.query, 'query');
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  fastify.addHook('onSend', (request, reply, payload, done) => {
    const route = request.routeOptions.url;
    // Matched routes outside /api are the web app's files (served by @fastify/static).
    const webFile = route !== undefined && !route.startsWith('/api');
    if (!webFile && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/**
 * Errors Fastify raises before routing (its `frameworkErrors`), answered in our words: a URL
 * whose percent-encoding does not decode names no record (404), instead of Fastify's 400 that
 * echoes the URL back.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  // Answered before routing, so no hook runs for it: its caching is said here.
  void reply.header('cache-control', 'no-store');
  sendError(
    reply,
    error.code === 'FST_ERR_BAD_URL' ? new NotFoundException('Not found.') : error,
    new Logger('Requests'),
  );
}
