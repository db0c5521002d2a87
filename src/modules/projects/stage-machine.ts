import type { ProjectStage } from '../reference/enums.js';

/**
 * The project pipeline, in one place:
 * NEGOTIATING → SITE_VISIT → SIGNED → REGISTERED → OPERATING, forward only (skipping allowed);
 * LOST from any open stage, with a reason; OPERATING and LOST are final.
 */
export const FORWARD: readonly ProjectStage[] = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING'];
export const OPEN_STAGES: readonly ProjectStage[] = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED'];
/** Stages at or past signing: the project counts as signed (签约). */
export const SIGNED_OR_LATER: readonly ProjectStage[] = ['SIGNED', 'REGISTERED', 'OPERATING'];

export type TransitionRule =
  | 'SAME_STAGE'
  | 'FINAL_STAGE'
  | 'BACKWARD'
  | 'LOST_NEEDS_REASON'
  | 'REGISTERED_NEEDS_USCC';

export interface TransitionCheck {
  from: ProjectStage;
  to: ProjectStage;
  reason?: string | null;
  companyHasUscc: boolean;
}

export interface TransitionOutcome {
  ok: boolean;
  rule?: TransitionRule;
  message?: string;
  /** True when this move reaches SIGNED or beyond (so signedAt is set if still empty). */
  reachesSigned: boolean;
}

export function rankOf(stage: ProjectStage): number {
  return FORWARD.indexOf(stage);
}

export function checkTransition(c: TransitionCheck): TransitionOutcome {
  const fail = (rule: TransitionRule, message: string): TransitionOutcome => ({ ok: false, rule, message, reachesSigned: false });
  if (c.from === c.to) return fail('SAME_STAGE', `The project is already at ${c.to}`);
  if (!OPEN_STAGES.includes(c.from)) return fail('FINAL_STAGE', `A project at ${c.from} is closed and cannot change stage`);
  if (c.to === 'LOST') {
    if (!c.reason || !c.reason.trim()) return fail('LOST_NEEDS_REASON', 'Moving a project to LOST needs a reason');
    return { ok: true, reachesSigned: false };
  }
  if (rankOf(c.to) < rankOf(c.from)) {
    return fail('BACKWARD', `A project cannot go back from ${c.from} to ${c.to}`);
  }
  if (rankOf(c.to) >= rankOf('REGISTERED') && !c.companyHasUscc) {
    return fail('REGISTERED_NEEDS_USCC', `Reaching ${c.to} needs the company's unified social credit code (uscc)`);
  }
  return { ok: true, reachesSigned: rankOf(c.to) >= rankOf('SIGNED') };
}
