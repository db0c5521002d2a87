import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { newId } from '../../common/identity/ids.js';
import { Transactions } from '../../database/transactions.js';
import { JobQueues } from '../../queue/job-queues.service.js';
import type { ChannelType, NotificationEventType } from '../reference/enums.js';
import { User } from '../users/user.entity.js';
import { digestLimitBytes } from './channel-senders.js';
import { NotificationChannel, NotificationDelivery, NotificationEvent } from './notification.entities.js';

/** One thing a scan found, as a line of a group chat's digest, with the people it concerns. */
export interface DigestItem {
  line: string;
  mentionUserIds: string[];
}

/** Splits lines into messages of at most `maxBytes` (UTF-8) each, the heading repeated; a line longer than that stands alone. */
export function digestParts(heading: string, lines: string[], maxBytes: number): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let size = Buffer.byteLength(heading, 'utf8');
  for (const line of lines) {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (current.length && size + bytes > maxBytes) {
      parts.push(current);
      current = [];
      size = Buffer.byteLength(heading, 'utf8');
    }
    current.push(line);
    size += bytes;
  }
  if (current.length) parts.push(current);
  return parts;
}

/**
 * Group chats get a digest, not one message per event: per channel and per scan run, everything the
 * run found goes into one message, cut into several only at the robot's size limit, naming the people
 * concerned so the chat @mentions them. Recorded like any event (keyed, so a rerun adds nothing),
 * with one delivery to that one channel.
 */
@Injectable()
export class DigestsService {
  constructor(
    @InjectRepository(NotificationChannel) private readonly channels: Repository<NotificationChannel>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tx: Transactions,
    private readonly jobs: JobQueues,
  ) {}

  /** Returns how many digest messages it recorded. */
  async send(run: { key: string; event: NotificationEventType; title: string; items: DigestItem[] }): Promise<number> {
    if (!run.items.length) return 0;
    const channels = (await this.channels.findBy({ active: true })).filter((c) => c.events.includes(run.event));
    if (!channels.length) return 0;
    const userIds = [...new Set(run.items.flatMap((i) => i.mentionUserIds))];
    const mobiles = new Map(
      (userIds.length ? await this.users.find({ where: { id: In(userIds), active: true }, select: { id: true, mobile: true } }) : [])
        .filter((u) => u.mobile)
        .map((u) => [u.id, u.mobile as string]),
    );
    const byLimit = new Map<ChannelType, string[][]>();
    const deliveryIds: string[] = [];
    await this.tx.run(async (em) => {
      for (const channel of channels) {
        const parts = byLimit.get(channel.type) ?? digestParts(run.title, run.items.map((i) => i.line), digestLimitBytes(channel.type));
        byLimit.set(channel.type, parts);
        let offset = 0;
        for (const [n, lines] of parts.entries()) {
          const items = run.items.slice(offset, offset + lines.length);
          offset += lines.length;
          const mentions = [...new Set(items.flatMap((i) => i.mentionUserIds).map((id) => mobiles.get(id)).filter((m): m is string => Boolean(m)))];
          const id = newId();
          const key = `digest:${run.key}:${channel.id}:${n}`;
          await em
            .createQueryBuilder()
            .insert()
            .into(NotificationEvent)
            .values({
              id,
              eventKey: key,
              event: run.event,
              title: (parts.length > 1 ? `${run.title}（${n + 1}/${parts.length}）` : run.title).slice(0, 200),
              body: lines.join('\n'),
              subjectType: null,
              subjectId: null,
              reminderId: null,
              mentionMobiles: mentions,
            })
            .orIgnore()
            .execute();
          if ((await em.getRepository(NotificationEvent).findOneByOrFail({ eventKey: key })).id !== id) continue;
          const deliveryId = newId();
          await em.getRepository(NotificationDelivery).insert({ id: deliveryId, eventId: id, channelId: channel.id, status: 'PENDING', attempts: 0, lastError: null, claimedUntil: null, sentAt: null });
          deliveryIds.push(deliveryId);
        }
      }
    });
    await this.jobs.deliver(deliveryIds);
    return deliveryIds.length;
  }
}
