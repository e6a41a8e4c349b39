import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join, resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import {
  ApiExceptionFilter,
  AppConfig,
  DatabaseConnection,
  inputValidationPipe,
  migrateInTurn,
  shouldSeedDemo,
} from '@mend/shared/server';
import { AppModule } from './app.module';
import { DemoSeed } from './demo-seed';
import { answerFrameworkError, registerRequestChecks } from './request-checks';
import { registerSecurityHeaders } from './security-headers';
import { registerCompression, registerWebApp } from './web-app';

export const BODY_LIMIT_BYTES = 256 * 1024;

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
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; otherwise a client
    // could choose the address the sign-in limiter and the audit trail see.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    frameworkErrors: answerFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database),
    adapter,
    {
      bufferLogs: true,
      // Body parsing is ours (request-checks.ts): malformed bodies are answered in our words.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  await app.register(fastifyCookie);
  const fastify = app.getHttpAdapter().getInstance();
  registerSecurityHeaders(fastify, {
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

  registerRequestChecks(fastify);

  const webRoot = resolve(config.webDistDir ?? join(process.cwd(), 'dist/apps/web/browser'));
  const webApp = await registerWebApp(fastify, webRoot);
  await registerCompression(fastify);

  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter(() => webApp?.indexHtml));

  // Off in production unless API_DOCS turns them on: a map of every route helps an attacker more
  // than it helps anyone running the portal.
  if (config.apiDocs) {
    const openApi = new DocumentBuilder()
      .setTitle('Mend API')
      .setDescription('Practice portal for counselors who help couples and families rebuild trust.')
      .setVersion('1')
      .addCookieAuth('mend_session')
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
      jsonDocumentUrl: 'api/docs/openapi.json',
    });
  }

  await migrateInTurn(app.get(DataSource), database);
  // Modules start (job queues declared, ports registered) before the seed writes anything.
  await app.init();
  if (shouldSeedDemo(config, database)) await app.get(DemoSeed).run();
  await fastify.ready();
  return app;
}
