import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  describeForLog,
  ServiceBusyException,
  toErrorBody,
  TooManyAttemptsException,
} from './api-errors';

/**
 * The single exception filter. Client errors answer with our own message; anything else is a
 * generic 500 whose log line names the error's type only. Browser navigations to app routes
 * (not /api) that match no API route get the web app's index.html, so deep links work.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly webIndexHtml?: () => string | undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();

    if (exception instanceof NotFoundException && this.isAppNavigation(request)) {
      const html = this.webIndexHtml?.();
      if (html) {
        void reply
          .status(200)
          .header('Cache-Control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(html);
        return;
      }
    }
    sendError(reply, exception, this.logger);
  }

  private isAppNavigation(request: FastifyRequest): boolean {
    const path = request.url.split('?')[0];
    return (
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api') &&
      !/\.[a-z0-9]+$/i.test(path)
    );
  }
}

export function sendError(reply: FastifyReply, exception: unknown, logger: Logger): void {
  const body = toErrorBody(exception);
  if (body.statusCode >= 500 && !(exception instanceof ServiceBusyException)) {
    logger.error({ msg: 'Request failed', error: describeForLog(exception) });
  }
  if (exception instanceof TooManyAttemptsException || exception instanceof ServiceBusyException) {
    void reply.header('Retry-After', String(exception.retryAfterSeconds));
  }
  void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}
