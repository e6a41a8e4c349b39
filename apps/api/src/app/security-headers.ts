import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * Helmet's headers, worked out once at start: they depend only on the options, and building
 * them again on every request (as @fastify/helmet does) costs each request a little CPU.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let applied = false;
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
      applied = true;
    },
  );
  if (!applied) throw new Error('helmet did not finish its headers synchronously');
  return headers;
}

/**
 * What an API answer (JSON, an event stream, a PDF download) needs, after OWASP's REST security
 * headers: it is never a page, so it may load nothing and be framed by nobody, the browser must
 * not guess its type, and no other site may read it. Helmet's other headers govern documents
 * (scripts, referrers, window openers) and only cost every answer their bytes.
 */
export function apiSecurityHeaders(pageHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  const hsts = pageHeaders['strict-transport-security'];
  if (hsts) headers['strict-transport-security'] = hsts;
  return headers;
}

/**
 * The API's own routes; the API docs under it are pages (HTML, scripts) like the web app. Read
 * from the URL as sent, before routing: a path spelled another way (`/%61pi/…`) gets the page
 * set, which forbids framing and sniffing too.
 */
const isApiAnswer = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * Sends security headers with every answer: the API's set with API answers, helmet's full set
 * with the web app's files, its index.html and the API docs.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const page = securityHeaders(options);
  const api = apiSecurityHeaders(page);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(isApiAnswer(request.url) ? api : page);
    done();
  });
}
