/** The pure rules of problems (问题清单): which status changes are allowed, and when one is overdue. */
import { addDays, daysBetween } from '../buildings/calendar.js';
import type { ProblemStatus } from '../reference/enums.js';

export const OPEN_PROBLEM_STATUSES: readonly ProblemStatus[] = ['OPEN', 'IN_PROGRESS'];
export const CLOSED_PROBLEM_STATUSES: readonly ProblemStatus[] = ['RESOLVED', 'UNRESOLVABLE'];

export function isOpen(status: ProblemStatus): boolean {
  return OPEN_PROBLEM_STATUSES.includes(status);
}

/**
 * Why a status change is refused (the 409's rule), or null when allowed: 待办 → 办理中 → 已办结 / 无法解决,
 * closing straight from 待办 allowed; a closed problem stays closed; 办理中 does not go back to 待办.
 */
export function statusChangeRefusal(from: ProblemStatus, to: ProblemStatus): 'PROBLEM_CLOSED' | 'PROBLEM_BACKWARD' | null {
  if (!isOpen(from)) return 'PROBLEM_CLOSED';
  if (from === 'IN_PROGRESS' && to === 'OPEN') return 'PROBLEM_BACKWARD';
  return null;
}

/** Overdue: still open and today (a district date) lies after the deadline. */
export function isOverdue(p: { status: ProblemStatus; dueDate: string }, today: string): boolean {
  return isOpen(p.status) && p.dueDate < today;
}

/** Whole days past the deadline, 0 when not overdue. */
export function daysOverdue(p: { status: ProblemStatus; dueDate: string }, today: string): number {
  return isOverdue(p, today) ? daysBetween(p.dueDate, today) : 0;
}

/** The escalation to leaders comes `escalationDays` after the department's notice: deadlines before this date are escalated today. */
export function escalationCutoff(today: string, escalationDays: number): string {
  return addDays(today, -escalationDays);
}
