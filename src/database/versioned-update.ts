import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { DomainError } from '../common/errors/domain-error.js';

/**
 * The optimistic-lock write: `UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`.
 * Zero rows means someone else changed (or removed) the record since the caller read it: 409 (or 404).
 * TypeORM's save() does not check the version by itself, so every update goes through here.
 */
export async function updateVersioned<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  args: { id: string; version: number; set: QueryDeepPartialEntity<E>; label: string },
): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(target)
    .set(args.set)
    .where('id = :id AND version = :version', { id: args.id, version: args.version })
    .execute();
  if (result.affected === 1) return;
  const exists = await em.getRepository(target).existsBy({ id: args.id } as never);
  if (!exists) throw DomainError.notFound(args.label, args.id);
  throw DomainError.staleVersion(args.label, args.id);
}
