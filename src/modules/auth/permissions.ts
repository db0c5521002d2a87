import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { ApiError } from '../../common/errors/error-response.js';
import { ROLES, type Role } from '../users/user.entity.js';

/**
 * Who may do what, in one table. `roles` may act at all (checked by the guard before the handler);
 * roles in `own` may act only on records they own (checked by the service against the record).
 *
 * - OFFICER (招商专员): creates leads, companies, projects; changes only the leads and projects they own
 *   (and companies they created or whose project they own); reads all.
 * - BUILDING_MANAGER (楼宇管理员): reads buildings and companies; changes units of their own buildings.
 * - LEADER (区领导): reads everything, including the audit trail; changes nothing.
 * - ADMIN (系统管理员): everything, users, reference data, plans.
 * - DEPARTMENT (责任单位): sees and works on the problems (问题清单) of the departments they are a contact of; nothing else.
 */
interface Rule {
  roles: readonly Role[];
  own?: readonly Role[];
}

const ALL = ROLES;
const STAFF: readonly Role[] = ['ADMIN', 'OFFICER', 'LEADER'];
/** Everyone but department users, who see only their department's problems. */
const INTERNAL: readonly Role[] = ['ADMIN', 'OFFICER', 'BUILDING_MANAGER', 'LEADER'];

export const PERMISSIONS = {
  'self.read': { roles: ALL },
  'reference.read': { roles: ALL },
  'company.read': { roles: INTERNAL },
  'company.create': { roles: ['ADMIN', 'OFFICER'] },
  'company.update': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  /** Merging duplicate companies moves other users' leads and projects: the admin's, undoable. */
  'company.merge': { roles: ['ADMIN'] },
  /** Industry suggestions from a business scope, for whoever records companies and projects. */
  'tagging.suggest': { roles: ['ADMIN', 'OFFICER'] },
  /** A background import's progress and report: its importer's, and the admin's. */
  'import.read': { roles: ['ADMIN', 'OFFICER', 'BUILDING_MANAGER'], own: ['OFFICER', 'BUILDING_MANAGER'] },
  'lead.read': { roles: STAFF },
  'lead.create': { roles: ['ADMIN', 'OFFICER'] },
  'lead.update': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  'lead.reassign': { roles: ['ADMIN'] },
  /** 公海: an officer claims a pool lead; its owner (or an admin) releases it; an admin assigns it. */
  'lead.claim': { roles: ['OFFICER'] },
  'lead.release': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  'lead.assign': { roles: ['ADMIN'] },
  'project.read': { roles: STAFF },
  'project.create': { roles: ['ADMIN', 'OFFICER'] },
  'project.update': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  'project.reassign': { roles: ['ADMIN'] },
  /** Correcting a project's stage history (a stage set by mistake): the admin's, audited, with a reason. */
  'project.correct-stages': { roles: ['ADMIN'] },
  'user.read': { roles: ['ADMIN'] },
  'user.manage': { roles: ['ADMIN'] },
  'audit.read': { roles: ['ADMIN', 'LEADER'] },
  'building.read': { roles: INTERNAL },
  'building.create': { roles: ['ADMIN'] },
  'building.update': { roles: ['ADMIN'] },
  /** A BUILDING_MANAGER owns the units of the buildings assigned to them (building_managers). */
  'unit.create': { roles: ['ADMIN', 'BUILDING_MANAGER'], own: ['BUILDING_MANAGER'] },
  'unit.update': { roles: ['ADMIN', 'BUILDING_MANAGER'], own: ['BUILDING_MANAGER'] },
  'vacancy.snapshot': { roles: ['ADMIN'] },
  'funding.verify': { roles: ['ADMIN'] },
  /** Reversing a funds-in-place entry: its project's owner or an admin (a verified entry: the admin only). */
  'funding.reverse': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  'progress.read': { roles: STAFF },
  'plan.read': { roles: STAFF },
  'plan.manage': { roles: ['ADMIN'] },
  /** Reminders: officers and building managers see and change the ones they set or receive; admins and leaders see all. */
  'reminder.read': { roles: ALL, own: ['OFFICER', 'BUILDING_MANAGER', 'DEPARTMENT'] },
  'reminder.create': { roles: ['ADMIN', 'OFFICER', 'BUILDING_MANAGER'] },
  'reminder.update': { roles: ['ADMIN', 'OFFICER', 'BUILDING_MANAGER'], own: ['OFFICER', 'BUILDING_MANAGER'] },
  /** Each user's own inbox, the admin's included. */
  'notification.read': { roles: ALL, own: ALL },
  'channel.manage': { roles: ['ADMIN'] },
  /** 督办: departments (责任单位) are reference data; problems are reported by the project's officer, worked on by their department's users (own), supervised (督办, with 批示) by leaders. */
  'department.read': { roles: ALL },
  'department.manage': { roles: ['ADMIN'] },
  'problem.read': { roles: ['ADMIN', 'OFFICER', 'LEADER', 'DEPARTMENT'], own: ['DEPARTMENT'] },
  'problem.create': { roles: ['ADMIN', 'OFFICER'], own: ['OFFICER'] },
  'problem.update': { roles: ['ADMIN', 'OFFICER', 'DEPARTMENT'], own: ['OFFICER', 'DEPARTMENT'] },
  'problem.supervise': { roles: ['ADMIN', 'LEADER'] },
  /** Bull Board under /admin/queues. */
  'queue.admin': { roles: ['ADMIN'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

export const PERMISSION_KEY = 'permission';
export const PUBLIC_KEY = 'public';

/** Declares the action a route performs; the guard refuses roles that may never do it (403). */
export function Permission(action: Action): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, action),
    ApiExtension('x-permission', action),
    ApiBearerAuth(),
    ApiError(401, 'no token, or a bad or expired one'),
    ApiError(403, `role or ownership does not allow ${action}`),
  );
}

/** A route anyone may call without a token (login, health). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-permission', 'public'));
}

/**
 * What a role may do, for the web page to hide what it cannot (the API still checks every call):
 * each action the role holds, for ALL records or only its OWN.
 */
export function grantsOf(role: Role): Record<Action, 'ALL' | 'OWN'> {
  const out: Partial<Record<Action, 'ALL' | 'OWN'>> = {};
  for (const [action, rule] of Object.entries(PERMISSIONS) as [Action, Rule][]) {
    if (!rule.roles.includes(role)) continue;
    out[action] = rule.own?.includes(role) ? 'OWN' : 'ALL';
  }
  return out as Record<Action, 'ALL' | 'OWN'>;
}

export function roleMay(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

/**
 * The service-side check: the role may act, and where the rule asks for ownership, `owns()` says
 * the actor owns the record. Throws 403.
 */
export function assertCan(actor: Actor, action: Action, owns?: () => boolean): void {
  const rule: Rule = PERMISSIONS[action];
  if (!rule.roles.includes(actor.role)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Role ${actor.role} may not ${action}`);
  }
  if (rule.own?.includes(actor.role) && !(owns?.() ?? false)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Only the owner or an admin may ${action} this record`);
  }
}
