/** The pipeline as the page shows it: five forward stages, 流失 from any open one (the API decides). */
export const FORWARD = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED', 'OPERATING'] as const;
export const OPEN = ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED'];
export const SIGNED_OR_LATER = ['SIGNED', 'REGISTERED', 'OPERATING'];
export const LANDED = ['REGISTERED', 'OPERATING'];

/** The moves a project at `stage` may make: any later stage (skipping is allowed) and 流失. */
export function nextStages(stage: string): string[] {
  if (!OPEN.includes(stage)) return [];
  const at = FORWARD.indexOf(stage as (typeof FORWARD)[number]);
  return [...FORWARD.slice(at + 1), 'LOST'];
}

export const STAGE_TAG: Record<string, 'info' | 'primary' | 'success' | 'warning' | 'danger'> = {
  NEGOTIATING: 'info',
  SITE_VISIT: 'primary',
  SIGNED: 'warning',
  REGISTERED: 'success',
  OPERATING: 'success',
  LOST: 'danger',
};
