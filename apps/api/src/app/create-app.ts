import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { Logger as NestLogger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CSRF_HEADER } from '@mend/shared/contracts';
import {
  ApiExceptionFilter,
  AppConfig,
  DatabaseConnection,
  sendError,
  validationException,
} from '@mend/shared/server';
import { ForbiddenException } from '@nestjs/common';
import { AppModule } from './app.module';
import { DemoSeed } from './demo-seed';

export const BODY_LIMIT_BYTES = 256 * 1024;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ONE_CLICK_UNSUBSCRIBE = '/api/notifications/unsubscribe/one-click?';

/**
 * Builds the whole API exactly as it runs in production: used by main.ts, the commands and
 * the integration tests. Applies pending migrations and, where configured, seeds the demo.
 */
export async function createApp(
  config: AppConfig,
  database: DatabaseConnection,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.env === 'production',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database),
    adapter,
    {
      bufferLogs: true,
      // Body parsing is ours (below): the JSON parser answers malformed bodies in our words.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular and Material add component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the portal is served over HTTPS.
    hsts: config.cookieSecure,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // Our own JSON parser, so a malformed body answers with our message, not the parser's.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, body === '' ? undefined : JSON.parse(body as string));
      } catch {
        done(
          Object.assign(new Error('The request body is not valid JSON.'), {
            statusCode: 400,
            name: 'FastifyError',
          }),
          undefined,
        );
      }
    },
  );
  // A mail program's one-click unsubscribe (RFC 8058) posts a form; the body says nothing we use.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, _body, done) => done(null, undefined),
  );
  // CSRF defence for a cookie-authenticated SPA: a cross-site form or image cannot set a custom
  // header, and a cross-site fetch that sets one needs a CORS preflight that we never grant.
  // The one-click unsubscribe is exempt: it uses no cookie, its signed token is the proof.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (
      UNSAFE_METHODS.has(request.method) &&
      request.url.startsWith('/api') &&
      !request.url.startsWith(ONE_CLICK_UNSUBSCRIBE) &&
      !request.headers[CSRF_HEADER.toLowerCase()]
    ) {
      sendError(
        reply,
        new ForbiddenException(`Requests that change data must send the ${CSRF_HEADER} header.`),
        new NestLogger('Csrf'),
      );
      return;
    }
    done();
  });

  const webRoot = resolve(config.webDistDir ?? join(process.cwd(), 'dist/apps/web/browser'));
  const indexFile = join(webRoot, 'index.html');
  let indexHtml: string | undefined;
  if (existsSync(indexFile)) {
    indexHtml = readFileSync(indexFile, 'utf8');
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: false,
    });
  }

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // One reason per field: the first rule it breaks.
      stopAtFirstError: true,
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter(() => indexHtml));

  const openApi = new DocumentBuilder()
    .setTitle('Mend API')
    .setDescription('Practice portal for counselors who help couples and families rebuild trust.')
    .setVersion('1')
    .addCookieAuth('mend_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });

  await app.get(DataSource).runMigrations({ transaction: 'each' });
  // Modules start (job queues declared, ports registered) before the seed writes anything.
  await app.init();
  if (config.seedDemo) await app.get(DemoSeed).run();
  await fastify.ready();
  return app;
}
