import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import helmet from 'helmet';
import { ErrorResponse } from './common/errors/error-response.js';
import { refuseDeepJson } from './common/validation/json-depth.js';
import { mountQueueBoard } from './queue-board.js';
import { mountWorkbench } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** Routes served at the root rather than under /api/v1: the health check (the pages are the workbench's). */
export const OUTSIDE_API_PREFIX = [{ path: 'health', method: RequestMethod.GET }];

/** Security headers; the OpenAPI UI needs inline scripts and styles of its own origin. */
export const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] },
  },
};

/**
 * Everything about the HTTP app that is not a module: prefix, body limits, OpenAPI. Called by
 * main.ts and by the e2e tests, so tests run the same app as production.
 */
export function configureApp(app: NestExpressApplication, opts: { bodyLimit: string; corsOrigins?: string }): void {
  app.use(helmet(HELMET_OPTIONS));
  const origins = (opts.corsOrigins ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type'] });
  // No ETag: clients of this API never send If-None-Match, and Express hashed every response body.
  app.set('etag', false);
  // Bodies nested deeper than MAX_JSON_DEPTH are refused on their raw bytes, before anything walks them
  // (Nest's types reserve `verify` for its rawBody option, which this app does not use).
  const json: { limit: string; verify: typeof refuseDeepJson } = { limit: opts.bodyLimit, verify: refuseDeepJson };
  app.useBodyParser('json', json);
  app.useBodyParser('urlencoded', { limit: opts.bodyLimit, extended: false });
  // Bull Board under /admin/queues (admins only), outside the API prefix and the OpenAPI spec.
  mountQueueBoard(app);
  // The web workbench at `/` (pages and their assets); the API, docs and health keep their paths.
  mountWorkbench(app);
  setRoutePrefix(app);
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

/** Every route under /api/v1 but the health check; the OpenAPI paths follow it. */
export function setRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: OUTSIDE_API_PREFIX });
}

/**
 * The OpenAPI document, as /docs-json serves it and `npm run openapi` writes it (src/cli/openapi.ts).
 * Responses are classes with explicit @ApiProperty decorators (no Swagger CLI plugin), so the
 * document is the same under `nest build` and under ts-jest.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Heping District investment-attraction CRM (和平区招商引资管理系统)')
    .setDescription(
      'Leads, projects, Beijing–Hebei relocations (京冀项目), office buildings and plan progress. ' +
        'Errors: `ErrorResponse` (`{ statusCode, error, code, rule?, message, details? }`). Lists: `{ items, nextCursor }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse] });
}
