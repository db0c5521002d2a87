import { PROJECT_STAGES, ProjectStage } from '../reference/enums.js';
import { FORWARD, checkTransition } from './stage-machine.js';

const ALL = Object.keys(PROJECT_STAGES) as ProjectStage[];
const ok = (from: ProjectStage, to: ProjectStage, extra: { reason?: string; companyHasUscc?: boolean } = {}) =>
  checkTransition({ from, to, reason: extra.reason, companyHasUscc: extra.companyHasUscc ?? true });

describe('project stage machine', () => {
  it('allows each next step forward', () => {
    for (let i = 0; i + 1 < FORWARD.length; i++) expect(ok(FORWARD[i], FORWARD[i + 1]).ok).toBe(true);
  });

  it('allows skipping forward (NEGOTIATING → SIGNED)', () => {
    expect(ok('NEGOTIATING', 'SIGNED')).toMatchObject({ ok: true, reachesSigned: true });
  });

  it('refuses going back', () => {
    expect(ok('SIGNED', 'SITE_VISIT')).toMatchObject({ ok: false, rule: 'BACKWARD' });
    expect(ok('REGISTERED', 'NEGOTIATING')).toMatchObject({ ok: false, rule: 'BACKWARD' });
  });

  it('refuses staying at the same stage', () => {
    for (const s of ALL) expect(ok(s, s)).toMatchObject({ ok: false, rule: 'SAME_STAGE' });
  });

  it('allows LOST from every open stage, but only with a reason', () => {
    for (const s of ['NEGOTIATING', 'SITE_VISIT', 'SIGNED', 'REGISTERED'] as ProjectStage[]) {
      expect(ok(s, 'LOST', { reason: '企业选择落户滨海新区' }).ok).toBe(true);
      expect(ok(s, 'LOST')).toMatchObject({ ok: false, rule: 'LOST_NEEDS_REASON' });
      expect(ok(s, 'LOST', { reason: '   ' })).toMatchObject({ ok: false, rule: 'LOST_NEEDS_REASON' });
    }
  });

  it('treats OPERATING and LOST as final', () => {
    for (const to of ALL.filter((s) => s !== 'OPERATING')) expect(ok('OPERATING', to, { reason: 'x' }).rule).toBe('FINAL_STAGE');
    for (const to of ALL.filter((s) => s !== 'LOST')) expect(ok('LOST', to).rule).toBe('FINAL_STAGE');
  });

  it('needs the company USCC to reach REGISTERED or OPERATING, not before', () => {
    expect(ok('SIGNED', 'REGISTERED', { companyHasUscc: false })).toMatchObject({ ok: false, rule: 'REGISTERED_NEEDS_USCC' });
    expect(ok('NEGOTIATING', 'OPERATING', { companyHasUscc: false })).toMatchObject({ ok: false, rule: 'REGISTERED_NEEDS_USCC' });
    expect(ok('NEGOTIATING', 'SIGNED', { companyHasUscc: false }).ok).toBe(true);
  });

  it('marks moves that reach signing', () => {
    expect(ok('NEGOTIATING', 'SITE_VISIT').reachesSigned).toBe(false);
    expect(ok('SITE_VISIT', 'SIGNED').reachesSigned).toBe(true);
    expect(ok('NEGOTIATING', 'REGISTERED').reachesSigned).toBe(true);
    expect(ok('SIGNED', 'LOST', { reason: 'moved' }).reachesSigned).toBe(false);
  });
});
