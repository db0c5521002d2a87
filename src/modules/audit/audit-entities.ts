/**
 * The record types the audit trail names (`entity`), with the words a client may use for them: the
 * name itself and the route's name (`project`, `projects`, `Project`, `notification-channels`…), in any
 * case. Every `entity` an audit row is written with must be listed here (audit-entities.spec.ts checks).
 */
export const AUDIT_ENTITIES: Record<string, readonly string[]> = {
  Activity: ['activities'],
  Building: ['buildings'],
  Company: ['companies'],
  Department: ['departments'],
  CompanyQualification: ['company-qualifications', 'qualifications'],
  Funding: ['fundings'],
  ImportJob: ['imports', 'import-jobs', 'jobs'],
  IndicatorValue: ['indicator-values', 'values'],
  Lead: ['leads'],
  LeadActivity: ['lead-activities'],
  Notification: ['notifications'],
  NotificationChannel: ['notification-channels', 'channels'],
  NotificationDelivery: ['notification-deliveries', 'deliveries'],
  Placement: ['placements'],
  Plan: ['plans'],
  Problem: ['problems'],
  Project: ['projects'],
  Reminder: ['reminders'],
  Unit: ['units'],
  User: ['users'],
  VacancySnapshot: ['vacancy-snapshots', 'snapshots'],
};

export const AUDIT_ENTITY_NAMES = Object.keys(AUDIT_ENTITIES);

const squash = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
const BY_ALIAS = new Map<string, string>();
for (const [name, aliases] of Object.entries(AUDIT_ENTITIES)) {
  for (const alias of [name, ...aliases]) BY_ALIAS.set(squash(alias), name);
}

/** The audit entity a client means ("project", "Projects", "notification-channels"), or undefined. */
export function auditEntityOf(input: string): string | undefined {
  return BY_ALIAS.get(squash(input));
}
