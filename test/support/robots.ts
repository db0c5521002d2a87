import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request one of the fake robots received. */
export interface RobotRequest {
  path: string;
  /** The raw query string, as sent (DingTalk's `sign` must arrive URL-encoded). */
  rawQuery: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> & { markdown?: { content?: string; title?: string; text?: string }; text?: string };
  at: number;
}

/**
 * A local HTTP server playing the office's WeCom and DingTalk group robots and a webhook receiver
 * (the true external edge of the system; nothing of ours is mocked). Paths:
 * `/wecom`, `/dingtalk`, `/webhook` answer success; `/refuse` answers `{ errcode: 310000 }` as a robot
 * whose signature check failed; `/error` answers HTTP 500 with a body echoing what it received (as an
 * internal service might); `/hold` keeps the response open until `release()`.
 */
export class Robots {
  readonly requests: RobotRequest[] = [];
  private server!: Server;
  private held: ServerResponse[] = [];
  url = '';

  /** `host`: the loopback address to listen on (another than 127.0.0.1 lets a test allow only this one). */
  static async start(host = '127.0.0.1'): Promise<Robots> {
    const robots = new Robots();
    robots.server = createServer((req, res) => robots.handle(req, res));
    await new Promise<void>((resolve) => robots.server.listen(0, host, resolve));
    robots.url = `http://${host}:${(robots.server.address() as AddressInfo).port}`;
    return robots;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path, rawQuery = ''] = (req.url ?? '').split('?');
      let body = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // recorded as empty
      }
      this.requests.push({ path, rawQuery, headers: req.headers, body, at: Date.now() });
      const reply = (json: object): void => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (path === '/refuse') return reply({ errcode: 310000, errmsg: 'sign not match' });
      if (path === '/error') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`upstream said: ${Buffer.concat(chunks).toString('utf8')}`);
        return;
      }
      if (path === '/hold') {
        this.held.push(res);
        return;
      }
      reply({ errcode: 0, errmsg: 'ok' });
    });
  }

  /** Requests to `path` whose text mentions `marker`. */
  received(path: string, marker: string): RobotRequest[] {
    return this.requests.filter((r) => r.path === path && JSON.stringify(r.body).includes(marker));
  }

  /** Answers every held request with success. */
  release(): void {
    for (const res of this.held.splice(0)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    }
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `probe` until it returns a truthy value (returned), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
