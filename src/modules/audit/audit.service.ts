import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Actor } from '../../common/auth/actor.js';
import { newId } from '../../common/identity/ids.js';
import { districtDayStart } from '../../common/time/district-clock.js';
import { instantBound } from '../../database/sql.js';
import { addDays } from '../buildings/calendar.js';
import { countChange } from '../../database/change-counter.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { AuditEntry, FieldChanges, JsonValue } from './audit-entry.entity.js';
import { AuditResponse, ListAuditQuery, toAuditResponse } from './dto/audit.dto.js';

/** Bookkeeping fields that change on every write and say nothing about what the user changed. */
const IGNORED = new Set(['updatedAt', 'createdAt', 'version', 'company']);

/** The changed fields between two API views of a record (before may be null for a create). */
export function diff(before: object | null, after: object | null): FieldChanges {
  // API views are JSON by construction (they are what the client receives).
  const b = JSON.parse(JSON.stringify(before ?? {})) as Record<string, JsonValue>;
  const a = JSON.parse(JSON.stringify(after ?? {})) as Record<string, JsonValue>;
  const changes: FieldChanges = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    const x = b[key] ?? null;
    const y = a[key] ?? null;
    if (JSON.stringify(x) !== JSON.stringify(y)) changes[key] = { before: x, after: y };
  }
  return changes;
}

export interface AuditRecord {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  /** Extra facts of the act (a reason, a target) that are not fields of the record. */
  extra?: FieldChanges;
}

/**
 * The audit trail. `record` takes the caller's transaction, so an act and its audit row commit
 * or roll back together; it also advances the change counter (database/change-counter.ts) there.
 */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(em: EntityManager, r: AuditRecord): Promise<void> {
    await this.recordMany(em, [r]);
  }

  /** Several audit rows in a few statements (bulk writes such as imports); the caller's transaction. */
  async recordMany(em: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const entries: AuditEntry[] = records.map((r) =>
      Object.assign(new AuditEntry(), {
        id: newId(),
        actorId: r.actor.id,
        actorUsername: r.actor.username,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        changes: { ...diff(r.before ?? null, r.after ?? null), ...r.extra },
      }),
    );
    // insert() rather than save(): one statement; its deep-partial type cannot follow the recursive JSON type.
    for (let i = 0; i < entries.length; i += 200) {
      await em.getRepository(AuditEntry).insert(entries.slice(i, i + 200) as unknown as QueryDeepPartialEntity<AuditEntry>[]);
    }
    // Every audited change is a change of the data derived figures are computed from.
    await countChange(em);
  }

  async list(query: ListAuditQuery): Promise<Page<AuditResponse>> {
    const qb = this.entries.createQueryBuilder('e');
    if (query.entity) qb.andWhere('e.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    const em = this.entries.manager;
    if (query.from) qb.andWhere('e.at >= :from', { from: instantBound(em, districtDayStart(query.from)) });
    if (query.to) qb.andWhere('e.at < :before', { before: instantBound(em, districtDayStart(addDays(query.to, 1))) });
    return keysetPage(qb, { alias: 'e', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: toAuditResponse });
  }
}
