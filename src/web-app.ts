import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Paths the service itself answers (the queue board among them); everything else that asks for a page
 * gets the workbench, the administrators' pages under /admin/… included.
 */
const SERVICE_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;

/** Where `vite build` put the workbench: dist/web beside dist/main.js (under Jest: ./dist/web). */
export function defaultWebRoot(): string {
  return typeof __dirname === 'string' ? join(__dirname, 'web') : resolve('dist/web');
}

/**
 * The web workbench (工作台): hashed assets with a year's cache, and index.html (never cached) for
 * every other page path, so that a link such as /projects/<id>?stage=SIGNED opened from WeCom lands on
 * its page. Not @nestjs/serve-static: it mounts express.static at `/`, which stats the disk for every
 * API request before the API answers; here only /assets/* touches the disk.
 */
export function mountWorkbench(app: NestExpressApplication, webRoot = defaultWebRoot()): void {
  const index = join(webRoot, 'index.html');
  app.use('/assets', express.static(join(webRoot, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVICE_PATHS.test(req.path)) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>工作台尚未构建</title><p>工作台尚未构建。请在服务目录运行 <code>npm run build</code> 后重新启动服务。</p>');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
