import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument, setRoutePrefix } from './app.setup.js';

/**
 * The OpenAPI document without a database or Redis: a preview application builds the module graph
 * (routes and their decorators) without instantiating providers. Used by `npm run openapi`.
 */
export async function createOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  try {
    setRoutePrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
