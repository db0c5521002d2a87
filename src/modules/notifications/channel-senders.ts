import { createHmac } from 'node:crypto';
import { request as httpRequest, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { guardedLookup, WebhookTargetError, type WebhookTargetPolicy } from '../../common/net/webhook-targets.js';
import type { ChannelType, NotificationEventType } from '../reference/enums.js';

/** What a channel is told: no more than the inbox shows. */
export interface OutgoingMessage {
  eventId: string;
  event: NotificationEventType;
  title: string;
  text: string;
  subjectType: string | null;
  subjectId: string | null;
  reminderId: string | null;
  occurredAt: Date;
  /** Mobile numbers to @mention (a digest names the people concerned); absent or null: nobody. */
  mentionMobiles?: string[] | null;
}

export interface ChannelTarget {
  type: ChannelType;
  url: string;
  secret: string | null;
}

export interface HttpCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** WeCom caps a markdown message at 4096 bytes of UTF-8 and a text message at 2048, DingTalk at 20000. */
const WECOM_MAX_BYTES = 4000;
const WECOM_TEXT_MAX_BYTES = 2000;
const DINGTALK_MAX_BYTES = 18000;

/**
 * How many bytes of text one message to a channel of this type may carry: a digest is cut into
 * several messages only at this size. WeCom digests go as text messages, the type whose
 * mentioned_mobile_list @mentions people.
 */
export function digestLimitBytes(type: ChannelType): number {
  return type === 'WECOM' ? WECOM_TEXT_MAX_BYTES - 100 : DINGTALK_MAX_BYTES - 500;
}

/** Cuts `text` to at most `maxBytes` of UTF-8, whole characters only, marking the cut with "…". */
function clip(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 3; // the ellipsis
  let out = '';
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * 钉钉 signed URL: `sign` = base64(HMAC-SHA256(key = secret, "timestamp\nsecret")), URL-encoded,
 * with the timestamp in milliseconds (DingTalk refuses one more than an hour off).
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function dingTalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSign(secret, timestampMs))}`;
}

/** The generic webhook's signature header: hex HMAC-SHA256 of "timestamp.body" with the channel's secret. */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex');
}

/** The HTTP request that delivers `message` to `channel`. */
export function buildCall(channel: ChannelTarget, message: OutgoingMessage, nowMs: number): HttpCall {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  switch (channel.type) {
    case 'WECOM':
      // With people to @mention: a text message, the type that takes mentioned_mobile_list.
      if (message.mentionMobiles) {
        return {
          url: channel.url,
          headers,
          body: JSON.stringify({
            msgtype: 'text',
            text: { content: clip(`${message.title}\n${message.text}`, WECOM_TEXT_MAX_BYTES), mentioned_mobile_list: message.mentionMobiles },
          }),
        };
      }
      return {
        url: channel.url,
        headers,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: clip(`**${message.title}**\n${message.text}`, WECOM_MAX_BYTES) } }),
      };
    case 'DINGTALK': {
      // DingTalk highlights an @mention only when the text also carries "@<mobile>".
      const mentions = message.mentionMobiles?.length ? `\n\n${message.mentionMobiles.map((m) => `@${m}`).join(' ')}` : '';
      return {
        url: channel.secret ? dingTalkSignedUrl(channel.url, channel.secret, nowMs) : channel.url,
        headers,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: message.title, text: clip(`### ${message.title}\n\n${message.text}${mentions}`, DINGTALK_MAX_BYTES) },
          ...(message.mentionMobiles && { at: { atMobiles: message.mentionMobiles, isAtAll: false } }),
        }),
      };
    }
    case 'WEBHOOK': {
      const body = JSON.stringify({
        eventId: message.eventId,
        event: message.event,
        title: message.title,
        text: message.text,
        subjectType: message.subjectType,
        subjectId: message.subjectId,
        reminderId: message.reminderId,
        occurredAt: message.occurredAt.toISOString(),
        ...(message.mentionMobiles && { mentionMobiles: message.mentionMobiles }),
      });
      return {
        url: channel.url,
        headers: {
          ...headers,
          'x-heping-event': message.event,
          ...(channel.secret && {
            'x-heping-timestamp': String(nowMs),
            'x-heping-signature': `sha256=${webhookSignature(channel.secret, nowMs, body)}`,
          }),
        },
        body,
      };
    }
  }
}

/** Enough of a robot's answer to read its `errcode`; the rest is not read. */
const MAX_REPLY_BYTES = 64 * 1024;

/**
 * A failed delivery. `message` is what `lastError` keeps: the HTTP status or the robot's numeric
 * errcode and a reason of our own words, never the body that answered (an internal service's
 * answer must not be copied into the database and shown).
 */
export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

interface Reply {
  status: number;
  text: string;
}

/** POSTs with node:http(s): the socket's `lookup` is ours (see guardedLookup); no redirects followed. */
function post(url: URL, call: HttpCall, lookup: ReturnType<typeof guardedLookup>, timeoutMs: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) },
      agent: false,
      ...(lookup && { lookup: lookup as unknown as LookupFunction }),
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_REPLY_BYTES) chunks.push(c);
        size += c.length;
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_REPLY_BYTES) });
      });
    });
    req.end(call.body);
  });
}

/** Our words for a failed connection: the error code when it is one (ECONNREFUSED…), never its text. */
function connectionProblem(type: string, e: unknown, timeoutMs: number): DeliveryError {
  if (e instanceof WebhookTargetError || (e as Error)?.name === 'WebhookTargetError') return new DeliveryError(`${type} address refused: ${(e as Error).message}`);
  const code = (e as { code?: unknown })?.code;
  if (code === 'TIMEOUT') return new DeliveryError(`${type} no answer within ${timeoutMs} ms`);
  return new DeliveryError(`${type} ${typeof code === 'string' && /^E[A-Z_]{2,40}$/.test(code) ? code : 'connection failed'}`);
}

/**
 * Sends one message; throws a DeliveryError with a reason a person can act on. The address is
 * checked again here (see webhook-targets.ts): DNS may have changed since the channel was set up.
 * Robots answer HTTP 200 with `{ errcode, errmsg }`, so a non-zero errcode is a failure too.
 */
export async function sendToChannel(channel: ChannelTarget, message: OutgoingMessage, opts: { timeoutMs: number; policy: WebhookTargetPolicy }): Promise<void> {
  const call = buildCall(channel, message, Date.now());
  let reply: Reply;
  try {
    const url = new URL(call.url);
    reply = await post(url, call, guardedLookup(url, opts.policy), opts.timeoutMs);
  } catch (e) {
    throw connectionProblem(channel.type, e, opts.timeoutMs);
  }
  if (reply.status < 200 || reply.status > 299) {
    throw new DeliveryError(`${channel.type} HTTP ${reply.status}${STATUS_CODES[reply.status] ? ` ${STATUS_CODES[reply.status]}` : ''}`);
  }
  if (channel.type === 'WEBHOOK') return;
  let parsed: { errcode?: unknown };
  try {
    parsed = JSON.parse(reply.text) as { errcode?: unknown };
  } catch {
    throw new DeliveryError(`${channel.type} answered something other than JSON`);
  }
  if (parsed.errcode !== 0) {
    const code = typeof parsed.errcode === 'number' && Number.isSafeInteger(parsed.errcode) ? String(parsed.errcode) : 'missing or unreadable';
    throw new DeliveryError(`${channel.type} errcode ${code}`);
  }
}

/** Why a test message did not arrive, in words the page translates. */
export type ProbeFailure = 'BLOCKED' | 'TIMEOUT' | 'CONNECTION' | 'HTTP_STATUS' | 'NOT_JSON' | 'ERRCODE';

/** What the robot (or webhook) answered a test message. */
export interface ProbeResult {
  ok: boolean;
  failure: ProbeFailure | null;
  httpStatus: number | null;
  errcode: number | null;
  errmsg: string | null;
}

/**
 * Sends a test message and reports the answer, for the admin setting the channel up. A robot's
 * `errcode` and `errmsg` are shown (robots are public services that answer in those two fields; the
 * text is clipped and stripped of control characters); a generic webhook's body is never shown.
 */
export async function probeChannel(channel: ChannelTarget, message: OutgoingMessage, opts: { timeoutMs: number; policy: WebhookTargetPolicy }): Promise<ProbeResult> {
  const call = buildCall(channel, message, Date.now());
  const fail = (failure: ProbeFailure, more: Partial<ProbeResult> = {}): ProbeResult => ({ ok: false, failure, httpStatus: null, errcode: null, errmsg: null, ...more });
  let reply: Reply;
  try {
    const url = new URL(call.url);
    reply = await post(url, call, guardedLookup(url, opts.policy), opts.timeoutMs);
  } catch (e) {
    if (e instanceof WebhookTargetError || (e as Error)?.name === 'WebhookTargetError') return fail('BLOCKED');
    return fail((e as { code?: unknown })?.code === 'TIMEOUT' ? 'TIMEOUT' : 'CONNECTION');
  }
  const httpStatus = reply.status;
  if (httpStatus < 200 || httpStatus > 299) return fail('HTTP_STATUS', { httpStatus });
  if (channel.type === 'WEBHOOK') return { ok: true, failure: null, httpStatus, errcode: null, errmsg: null };
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(reply.text) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    return fail('NOT_JSON', { httpStatus });
  }
  const errcode = typeof parsed.errcode === 'number' && Number.isSafeInteger(parsed.errcode) ? parsed.errcode : null;
  const errmsg = typeof parsed.errmsg === 'string' ? parsed.errmsg.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200) : null;
  if (errcode !== 0) return fail('ERRCODE', { httpStatus, errcode, errmsg });
  return { ok: true, failure: null, httpStatus, errcode, errmsg };
}
