import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { Building } from '../buildings/building.entity.js';
import { BuildingManager } from './building-manager.entity.js';
import { CreateUserDto, DirectoryEntry, ListUsersQuery, UpdateUserDto, UserResponse, toUserResponse } from './dto/user.dto.js';
import { generatePassword, hashPassword } from './password.js';
import { assertPasswordAcceptable } from '../../common/auth/password-policy.js';
import { User } from './user.entity.js';

/** People who sign in, their roles and building assignments, and the first administrator. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(BuildingManager) private readonly assignments: Repository<BuildingManager>,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  /**
   * On a database without users, creates `admin` with ADMIN_PASSWORD, or with a generated password
   * printed once to the log. Never touches an existing admin.
   */
  async ensureFirstAdmin(configured?: string): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const password = configured ?? generatePassword();
    try {
      await this.users.insert({
        id: newId(),
        username: 'admin',
        displayName: '系统管理员',
        role: 'ADMIN',
        passwordHash: await hashPassword(password),
        active: true,
      });
    } catch (e) {
      // Another instance created it first (unique username).
      if ((await this.users.countBy({ username: 'admin' })) > 0) return;
      throw e;
    }
    if (configured) {
      this.logger.log('Created the first admin user "admin" with the password from ADMIN_PASSWORD');
    } else {
      this.logger.warn(
        `Created the first admin user "admin" with the generated password: ${password}  (shown once; set ADMIN_PASSWORD to choose it)`,
      );
    }
  }

  /**
   * Every user's name and role, inactive ones included (their records still name them), by name. Not
   * paginated: a district office has tens of users, and a page needs all of them to name owners.
   */
  async directory(): Promise<DirectoryEntry[]> {
    const users = await this.users.find({ select: { id: true, displayName: true, role: true, active: true }, order: { displayName: 'ASC', id: 'ASC' } });
    return users.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, active: u.active }));
  }

  /** An owner of leads and projects must be an active OFFICER or ADMIN; otherwise 400 on `ownerId`. */
  async assertCanOwn(id: string, what: 'leads' | 'projects'): Promise<void> {
    const user = await this.users.findOne({ where: { id, active: true }, select: { id: true, role: true } });
    if (user?.role !== 'OFFICER' && user?.role !== 'ADMIN') {
      throw user
        ? DomainError.invalid('ownerId', `a ${user.role} cannot own ${what}`, 'cannotOwn')
        : DomainError.invalid('ownerId', `no active user with id ${id}`, 'notFound');
    }
  }

  /** Ids of the buildings a manager is assigned to. */
  async buildingIdsOf(userId: string, em?: EntityManager): Promise<string[]> {
    const rows = await (em ? em.getRepository(BuildingManager) : this.assignments).find({ where: { userId } });
    return rows.map((r) => r.buildingId).sort();
  }

  async create(dto: CreateUserDto, actor: Actor): Promise<UserResponse> {
    assertPasswordAcceptable(dto.password, dto.username);
    const id = newId();
    const passwordHash = await hashPassword(dto.password);
    await this.tx.run(async (em) => {
      if (await em.getRepository(User).existsBy({ username: dto.username })) {
        throw new DomainError(ErrorCode.DUPLICATE, `Username ${dto.username} is taken`, [{ field: 'username', code: 'duplicate', message: 'already taken' }]);
      }
      await em.getRepository(User).insert({ id, username: dto.username, displayName: dto.displayName, mobile: dto.mobile ?? null, role: dto.role, passwordHash, active: true });
      await this.assign(em, id, dto.role, dto.buildingIds ?? []);
      const after = toUserResponse(await em.getRepository(User).findOneByOrFail({ id }), await this.buildingIdsOf(id, em));
      await this.audit.record(em, { actor, action: 'user.create', entity: 'User', entityId: id, before: null, after });
    });
    return this.get(id);
  }

  async get(id: string): Promise<UserResponse> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('User', id);
    return toUserResponse(user, await this.buildingIdsOf(id));
  }

  async list(query: ListUsersQuery): Promise<Page<UserResponse>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    const page = await keysetPage(qb, { alias: 'u', sort: 'createdAt', limit: query.limit, cursor: query.cursor, map: (u) => u });
    const ids = page.items.map((u) => u.id);
    const rows = ids.length ? await this.assignments.find({ where: { userId: In(ids) } }) : [];
    return {
      items: page.items.map((u) => toUserResponse(u, rows.filter((r) => r.userId === u.id).map((r) => r.buildingId).sort())),
      nextCursor: page.nextCursor,
    };
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserResponse> {
    let passwordHash: string | undefined;
    if (dto.password !== undefined) {
      // Checked against the user's own name before the (slow) hash; usernames never change.
      const target = await this.users.findOne({ where: { id }, select: { id: true, username: true } });
      if (!target) throw DomainError.notFound('User', id);
      assertPasswordAcceptable(dto.password, target.username);
      passwordHash = await hashPassword(dto.password);
    }
    await this.tx.run(async (em) => {
      const current = await em.getRepository(User).findOneBy({ id });
      if (!current) throw DomainError.notFound('User', id);
      const before = toUserResponse(current, await this.buildingIdsOf(id, em));
      const role = dto.role ?? current.role;
      const active = dto.active ?? current.active;
      // A new password, role or active flag revokes the tokens issued before (the guard compares versions).
      const revokes = passwordHash !== undefined || role !== current.role || active !== current.active;
      if (current.role === 'ADMIN' && current.active && (role !== 'ADMIN' || !active)) {
        const admins = await em.getRepository(User).countBy({ role: 'ADMIN', active: true });
        if (admins <= 1) throw DomainError.conflict('LAST_ADMIN', 'At least one active ADMIN must remain');
      }
      await updateVersioned(em, User, {
        id,
        version: dto.version,
        label: 'User',
        set: {
          ...(dto.displayName !== undefined && { displayName: dto.displayName }),
          ...(dto.mobile !== undefined && { mobile: dto.mobile }),
          ...(dto.role !== undefined && { role: dto.role }),
          ...(dto.active !== undefined && { active: dto.active }),
          ...(passwordHash && { passwordHash }),
          ...(revokes && { tokenVersion: () => 'token_version + 1' }),
        },
      });
      if (dto.buildingIds !== undefined || role !== 'BUILDING_MANAGER') {
        await em.getRepository(BuildingManager).delete({ userId: id });
        await this.assign(em, id, role, role === 'BUILDING_MANAGER' ? (dto.buildingIds ?? before.buildingIds) : []);
      }
      const after = toUserResponse(await em.getRepository(User).findOneByOrFail({ id }), await this.buildingIdsOf(id, em));
      await this.audit.record(em, {
        actor,
        action: 'user.update',
        entity: 'User',
        entityId: id,
        before,
        after,
        ...(passwordHash && { extra: { password: { before: '(hidden)', after: '(changed)' } } }),
      });
    });
    return this.get(id);
  }

  private async assign(em: EntityManager, userId: string, role: string, buildingIds: string[]): Promise<void> {
    if (buildingIds.length === 0) return;
    if (role !== 'BUILDING_MANAGER') throw DomainError.invalid('buildingIds', 'only a BUILDING_MANAGER is assigned buildings', 'notBuildingManager');
    const found = await em.getRepository(Building).countBy({ id: In(buildingIds) });
    if (found !== buildingIds.length) throw DomainError.invalid('buildingIds', 'one or more buildings do not exist', 'notFound');
    await em.getRepository(BuildingManager).insert(buildingIds.map((buildingId) => ({ buildingId, userId })));
  }
}
