import { createHmac } from 'node:crypto';
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

/** WeCom caps a markdown message at 4096 bytes of UTF-8, DingTalk at 20000. */
const WECOM_MAX_BYTES = 4000;
const DINGTALK_MAX_BYTES = 18000;

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
      return {
        url: channel.url,
        headers,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: clip(`**${message.title}**\n${message.text}`, WECOM_MAX_BYTES) } }),
      };
    case 'DINGTALK':
      return {
        url: channel.secret ? dingTalkSignedUrl(channel.url, channel.secret, nowMs) : channel.url,
        headers,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text: clip(`### ${message.title}\n\n${message.text}`, DINGTALK_MAX_BYTES) } }),
      };
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

/**
 * Sends one message; throws with a reason a person can act on. Robots answer HTTP 200 with
 * `{ errcode, errmsg }`, so a non-zero errcode is a failure too.
 */
export async function sendToChannel(channel: ChannelTarget, message: OutgoingMessage, timeoutMs: number): Promise<void> {
  const call = buildCall(channel, message, Date.now());
  let res: Response;
  try {
    res = await fetch(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new Error(`${channel.type} ${why}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`${channel.type} HTTP ${res.status}: ${clip(text, 300)}`);
  if (channel.type === 'WEBHOOK') return;
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
  } catch {
    throw new Error(`${channel.type} answered something other than JSON: ${clip(text, 200)}`);
  }
  if (reply.errcode !== 0) throw new Error(`${channel.type} errcode ${String(reply.errcode)}: ${String(reply.errmsg ?? '')}`);
}
