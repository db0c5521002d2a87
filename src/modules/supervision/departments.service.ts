import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../users/user.entity.js';
import { Department, DepartmentContact } from './department.entity.js';
import { CreateDepartmentDto, DepartmentResponse, toDepartmentResponse, UpdateDepartmentDto } from './dto/department.dto.js';

/** 责任单位: the departments problems are assigned to, and their contacts (DEPARTMENT users). */
@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Every department in the order they were entered (the seed lists the usual bodies first). */
  async list(page: PageQuery): Promise<Page<DepartmentResponse>> {
    const qb = this.dataSource.getRepository(Department).createQueryBuilder('d');
    const result = await keysetPage(qb, { alias: 'd', sort: 'createdAt', limit: page.limit, cursor: page.cursor, map: (d) => d });
    const contacts = await this.contactsOf(this.dataSource.manager, result.items.map((d) => d.id));
    return { items: result.items.map((d) => toDepartmentResponse(d, contacts.get(d.id) ?? [])), nextCursor: result.nextCursor };
  }

  async create(dto: CreateDepartmentDto, actor: Actor): Promise<DepartmentResponse> {
    const id = newId();
    await this.tx.run(async (em) => {
      if (await em.getRepository(Department).existsBy({ code: dto.code })) {
        throw new DomainError(ErrorCode.DUPLICATE, `A department with code ${dto.code} exists`, [{ field: 'code', code: 'duplicate', message: 'code is taken' }]);
      }
      await em.getRepository(Department).insert({ id, code: dto.code, nameZh: dto.nameZh, active: true });
      await this.setContacts(em, id, dto.contactUserIds ?? []);
      await this.audit.record(em, { actor, action: 'department.create', entity: 'Department', entityId: id, before: null, after: await this.view(em, id) });
    });
    return this.view(this.dataSource.manager, id);
  }

  async update(id: string, dto: UpdateDepartmentDto, actor: Actor): Promise<DepartmentResponse> {
    await this.tx.run(async (em) => {
      const before = await this.view(em, id);
      await updateVersioned(em, Department, {
        id,
        version: dto.version,
        label: 'Department',
        set: { ...(dto.nameZh !== undefined && { nameZh: dto.nameZh }), ...(dto.active !== undefined && { active: dto.active }) },
      });
      if (dto.contactUserIds !== undefined) await this.setContacts(em, id, dto.contactUserIds);
      await this.audit.record(em, { actor, action: 'department.update', entity: 'Department', entityId: id, before, after: await this.view(em, id) });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Contacts must be active DEPARTMENT users: they see the department's problems and receive its notices. */
  private async setContacts(em: EntityManager, departmentId: string, userIds: string[]): Promise<void> {
    const wanted = [...new Set(userIds)];
    const users = wanted.length ? await em.getRepository(User).findBy({ id: In(wanted), active: true }) : [];
    const issues = wanted.flatMap((uid, n) => {
      const u = users.find((x) => x.id === uid);
      if (!u) return [{ field: `contactUserIds.${n}`, code: 'notFound', message: 'no active user has this id' }];
      if (u.role !== 'DEPARTMENT') return [{ field: `contactUserIds.${n}`, code: 'notDepartmentUser', message: 'a contact must be a user with role DEPARTMENT' }];
      return [];
    });
    if (issues.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', issues);
    await em.getRepository(DepartmentContact).delete({ departmentId });
    if (wanted.length) await em.getRepository(DepartmentContact).insert(wanted.map((userId) => ({ departmentId, userId })));
  }

  private async view(em: EntityManager, id: string): Promise<DepartmentResponse> {
    const d = await em.getRepository(Department).findOneBy({ id });
    if (!d) throw DomainError.notFound('Department', id);
    return toDepartmentResponse(d, (await this.contactsOf(em, [id])).get(id) ?? []);
  }

  private async contactsOf(em: EntityManager, ids: string[]): Promise<Map<string, { id: string; displayName: string }[]>> {
    const out = new Map<string, { id: string; displayName: string }[]>();
    if (!ids.length) return out;
    const rows = await em.getRepository(DepartmentContact).find({ where: { departmentId: In(ids) }, relations: { user: true }, order: { userId: 'ASC' } });
    for (const r of rows) {
      const list = out.get(r.departmentId) ?? [];
      list.push({ id: r.userId, displayName: r.user?.displayName ?? '' });
      out.set(r.departmentId, list);
    }
    return out;
  }
}
