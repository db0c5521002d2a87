#!/usr/bin/env node
/**
 * HTTP_ADAPTER=express|fastify PORT=… SQLITE_PATH=… [other service env] node scripts/bench-serve.mjs
 *
 * Boots the BUILT service (dist/app.module.js, run `npm run build` first) under the chosen NestJS
 * HTTP adapter and listens on 127.0.0.1:PORT. Used by scripts/bench-adapters.mjs to compare
 * Express and Fastify on the same app and the same data.
 *
 * - express: exactly production — dist/main.js's NestFactory options and configureApp() from
 *   dist/app.setup.js.
 * - fastify: the JSON-relevant equivalent of configureApp() (see FASTIFY_SETUP below); what it
 *   leaves out is listed in FASTIFY_LEFT_OUT and announced on stdout.
 *
 * On start it prints one line `BENCH_SERVE {"adapter":…,"setup":[…],"leftOut":[…]}` so the caller
 * can state the difference next to its numbers. SIGTERM/SIGINT close the app (enableShutdownHooks).
 */
import { createRequire } from 'node:module';

// The built app is CommonJS that require()s the ESM-only Nest packages; load everything the same
// way dist/main.js does, so there is one instance of each Nest package.
const require = createRequire(new URL('../dist/main.js', import.meta.url));
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require('./app.module.js');
const { configureApp, API_PREFIX, HELMET_OPTIONS, OUTSIDE_API_PREFIX } = require('./app.setup.js');
const { createLogger } = require('./common/logging/logger.js');
const { validateEnv } = require('./config/env.js');

const EXPRESS_SETUP = ['configureApp() from dist/app.setup.js, unchanged (as dist/main.js)'];
const EXPRESS_LEFT_OUT = [];

const FASTIFY_SETUP = [
  `global prefix ${API_PREFIX} excluding GET health, dashboard, dashboard/{*path}`,
  'JSON and urlencoded body parsers (Nest\'s Fastify defaults) limited to BODY_LIMIT bytes (FastifyAdapter bodyLimit)',
  'helmet() with the same CSP directives, as Nest middleware (@fastify/middie on the raw req/res)',
  'enableCors() only when CORS_ORIGINS is set (as configureApp)',
  'enableShutdownHooks()',
  'shim: reply.json(body) decorated on Fastify replies, because AllExceptionsFilter calls res.status().json() (Express API); without it any 4xx/5xx would throw inside the filter',
];
const FASTIFY_LEFT_OUT = [
  'Bull Board /admin/queues (mounted as an Express router)',
  'OpenAPI /docs and /docs-json (SwaggerModule.setup; no per-request cost on other routes)',
  'multer uploads of the import routes (MulterModule/FileInterceptor are Express-only: those routes do not work)',
  'static dashboard /dashboard (res.sendFile is Express-only: those routes do not work)',
  'file exports export.xlsx/.csv (sendTable writes to an Express response: those routes do not work)',
  'RequestLogMiddleware sees the raw Node request under Fastify (no req.user in its log line; not emitted at LOG_LEVEL=warn anyway)',
];

function bodyLimitBytes(limit) {
  const m = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!m) throw new Error(`BODY_LIMIT ${limit} not understood`);
  return Number(m[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[m[2].toLowerCase()];
}

async function main() {
  const adapter = (process.env.HTTP_ADAPTER ?? 'express').toLowerCase();
  if (adapter !== 'express' && adapter !== 'fastify') throw new Error(`HTTP_ADAPTER must be express or fastify, not ${adapter}`);
  let env;
  try {
    env = validateEnv(process.env);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  let app;
  if (adapter === 'express') {
    app = await NestFactory.create(AppModule, { logger, bodyParser: false });
    configureApp(app, { bodyLimit: env.BODY_LIMIT, corsOrigins: env.CORS_ORIGINS });
  } else {
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    const helmet = require('helmet').default ?? require('helmet');
    app = await NestFactory.create(AppModule, new FastifyAdapter({ bodyLimit: bodyLimitBytes(env.BODY_LIMIT) }), { logger });
    // AllExceptionsFilter answers with res.status(code).json(body); FastifyReply has status() but no json().
    app
      .getHttpAdapter()
      .getInstance()
      .decorateReply('json', function json(body) {
        return this.type('application/json; charset=utf-8').send(JSON.stringify(body));
      });
    app.use(helmet(HELMET_OPTIONS));
    const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    if (origins.length) app.enableCors({ origin: origins, allowedHeaders: ['Authorization', 'Content-Type'] });
    app.setGlobalPrefix(API_PREFIX, { exclude: OUTSIDE_API_PREFIX });
    app.enableShutdownHooks();
  }
  await app.listen(env.PORT, '127.0.0.1');
  const info =
    adapter === 'express'
      ? { adapter, setup: EXPRESS_SETUP, leftOut: EXPRESS_LEFT_OUT }
      : { adapter, setup: FASTIFY_SETUP, leftOut: FASTIFY_LEFT_OUT };
  console.log(`BENCH_SERVE ${JSON.stringify({ ...info, port: env.PORT, pid: process.pid })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
