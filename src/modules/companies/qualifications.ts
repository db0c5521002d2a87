import { EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { addDays } from '../buildings/calendar.js';
import { QUALIFICATIONS, type Qualification } from '../reference/enums.js';
import { CompanyQualification } from './company-qualification.entity.js';
import { qualificationExpiry } from './qualification-rules.js';

/** A qualification award as the API takes it: obtained on a date, expiring three years later unless given. */
export interface QualificationInput {
  code: Qualification;
  obtainedOn: string;
  expiresOn?: string;
}

export interface QualificationRecordView {
  code: Qualification;
  obtainedOn: string;
  expiresOn: string;
  /** Held today in the district. */
  held: boolean;
}

const ORDER = Object.keys(QUALIFICATIONS);
const byCodeThenDate = (a: { code: string; obtainedOn: string }, b: { code: string; obtainedOn: string }): number =>
  ORDER.indexOf(a.code) - ORDER.indexOf(b.code) || (a.obtainedOn < b.obtainedOn ? -1 : a.obtainedOn > b.obtainedOn ? 1 : 0);

/** Every award of the given companies, by company, in code then date order. */
export async function qualificationsOf(em: EntityManager, companyIds: string[]): Promise<Map<string, CompanyQualification[]>> {
  const out = new Map<string, CompanyQualification[]>();
  for (let i = 0; i < companyIds.length; i += 500) {
    const part = companyIds.slice(i, i + 500);
    if (part.length === 0) continue;
    for (const q of await em.getRepository(CompanyQualification).find({ where: { companyId: In(part) } })) {
      out.set(q.companyId, [...(out.get(q.companyId) ?? []), q]);
    }
  }
  for (const list of out.values()) list.sort(byCodeThenDate);
  return out;
}

/** The API view: the codes held today, and every award with its dates. */
export function qualificationViews(records: CompanyQualification[], today: string): { held: Qualification[]; records: QualificationRecordView[] } {
  const views = [...records].sort(byCodeThenDate).map((r) => ({
    code: r.code,
    obtainedOn: r.obtainedOn,
    expiresOn: r.expiresOn,
    held: r.obtainedOn <= today && today <= r.expiresOn,
  }));
  const held = [...new Set(views.filter((v) => v.held).map((v) => v.code))];
  return { held, records: views };
}

/** The awards a body asks for, checked: dates in order, none obtained in the future, no award twice. */
export function checkedAwards(inputs: QualificationInput[], today: string, prefix = 'qualificationRecords'): { code: Qualification; obtainedOn: string; expiresOn: string }[] {
  const problems: FieldIssue[] = [];
  const seen = new Set<string>();
  const awards = inputs.map((q, n) => {
    const expiresOn = q.expiresOn ?? qualificationExpiry(q.obtainedOn);
    if (q.obtainedOn > today) problems.push({ field: `${prefix}.${n}.obtainedOn`, code: 'future', message: `must not lie in the future (today is ${today})` });
    if (expiresOn < q.obtainedOn) problems.push({ field: `${prefix}.${n}.expiresOn`, code: 'beforeObtained', message: 'must not be before obtainedOn' });
    const key = `${q.code}|${q.obtainedOn}`;
    if (seen.has(key)) problems.push({ field: `${prefix}.${n}`, code: 'duplicate', message: `${q.code} obtained on ${q.obtainedOn} is listed twice` });
    seen.add(key);
    return { code: q.code, obtainedOn: q.obtainedOn, expiresOn };
  });
  if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
  return awards;
}

/**
 * Writes a company's awards inside the caller's transaction.
 * - `records`: the company's complete list (replaces what it had);
 * - `held`: the codes it holds as of today, for bodies without dates (the short form of the contract):
 *   a code not held yet is recorded as obtained today; a code held but no longer listed ends
 *   yesterday (or is dropped, if it was recorded today).
 */
export async function writeQualifications(
  em: EntityManager,
  args: { companyId: string; today: string; actorId: string; records?: QualificationInput[]; held?: Qualification[] },
): Promise<void> {
  const repo = em.getRepository(CompanyQualification);
  if (args.records) {
    const awards = checkedAwards(args.records, args.today);
    await repo.delete({ companyId: args.companyId });
    if (awards.length) await repo.insert(awards.map((a) => ({ id: newId(), companyId: args.companyId, ...a, createdById: args.actorId })));
  }
  if (args.held) {
    const current = await repo.find({ where: { companyId: args.companyId } });
    const heldNow = current.filter((r) => r.obtainedOn <= args.today && args.today <= r.expiresOn);
    const wanted = new Set(args.held);
    for (const r of heldNow.filter((r) => !wanted.has(r.code))) {
      if (r.obtainedOn === args.today) await repo.delete({ id: r.id });
      else await repo.update({ id: r.id }, { expiresOn: addDays(args.today, -1) });
    }
    const missing = [...wanted].filter((code) => !heldNow.some((r) => r.code === code));
    for (const code of missing) {
      const same = current.find((r) => r.code === code && r.obtainedOn === args.today);
      if (same) await repo.update({ id: same.id }, { expiresOn: qualificationExpiry(args.today) });
      else await repo.insert({ id: newId(), companyId: args.companyId, code, obtainedOn: args.today, expiresOn: qualificationExpiry(args.today), createdById: args.actorId });
    }
  }
}
