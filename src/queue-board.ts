import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { toErrorBody } from './common/errors/all-exceptions.filter.js';
import { DomainError, ErrorCode } from './common/errors/domain-error.js';
import { AuthService } from './modules/auth/auth.service.js';
import { roleMay } from './modules/auth/permissions.js';
import { QueueName } from './queue/queue.constants.js';
import { RedisConnections } from './queue/redis-connections.js';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'heping_queue_board';

function cookieToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function refuse(res: Response, error: DomainError): void {
  const body = toErrorBody(error);
  res.status(body.statusCode).json(body);
}

/**
 * Bull Board (the queue dashboard) under /admin/queues, for admins only. @bull-board/nestjs is
 * CommonJS and require()s the ESM-only @nestjs/common, which Jest cannot load, so the Express
 * router is mounted directly. A browser cannot send a bearer header to the board's own API calls:
 * opening `/admin/queues?token=<accessToken>` once stores the token in an HttpOnly cookie scoped to
 * the board and redirects without it; scripts may send `Authorization: Bearer` instead.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const queues = Object.values(QueueName).map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: '和平区招商 · 队列' } },
  });
  const auth = app.get(AuthService, { strict: false });
  const redis = app.get(RedisConnections, { strict: false });

  const guard = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const query = typeof req.query.token === 'string' ? req.query.token : undefined;
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = header ?? query ?? cookieToken(req);
    if (!token) return refuse(res, new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (POST /api/v1/auth/login)'));
    try {
      const actor = await auth.actorFromToken(token);
      if (!roleMay(actor.role, 'queue.admin')) return refuse(res, new DomainError(ErrorCode.FORBIDDEN, `Role ${actor.role} may not queue.admin`));
    } catch (e) {
      return refuse(res, e instanceof DomainError ? e : new DomainError(ErrorCode.UNAUTHENTICATED, 'The token is invalid'));
    }
    if (query) {
      res.cookie(COOKIE, query, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH, secure: req.secure });
      const rest = new URLSearchParams(req.query as Record<string, string>);
      rest.delete('token');
      return res.redirect(303, `${req.baseUrl}${req.path === '/' ? '' : req.path}${rest.size ? `?${rest}` : ''}`);
    }
    // The board reads Redis on every request; while Redis is away answer at once instead of hanging.
    if (!redis.ready) return refuse(res, new DomainError(ErrorCode.UNAVAILABLE, 'Redis is unavailable; the queue dashboard needs it'));
    next();
  };
  app.use(QUEUE_BOARD_PATH, (req: Request, res: Response, next: NextFunction) => void guard(req, res, next).catch(next), board.getRouter());
}
