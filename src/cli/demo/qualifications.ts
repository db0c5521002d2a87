import { CompanyQualification } from '../../modules/companies/company-qualification.entity.js';
import { qualificationExpiry } from '../../modules/companies/qualification-rules.js';
import type { Qualification } from '../../modules/reference/enums.js';
import { dayNumber } from './calendar.js';
import type { CompanyModel } from './companies.js';
import type { DemoContext } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';

/**
 * Qualification awards (资质认定): obtained within three years before the company was recorded or
 * since, valid as the companies module rules (qualificationExpiry); three in four renew when they expire.
 */
interface Award {
  c: CompanyModel;
  code: Qualification;
  obtained: number;
  expires: number;
  ms: number;
}

const RENEWAL_SHARE = 0.75;

export async function writeQualifications(ctx: DemoContext, tables: DemoTables, companies: CompanyModel[]): Promise<void> {
  const t = performance.now();
  const { cal, firstDay, lastDay } = ctx;
  const rng = ctx.stream('qualifications');
  const awards: Award[] = [];
  for (const c of companies) {
    const createdDay = cal.dayOf(c.createdMs);
    for (const code of c.qualifications) {
      let obtained = rng.int(Math.max(firstDay - 3 * 365, createdDay - 3 * 365), Math.max(createdDay, lastDay));
      for (;;) {
        const expires = dayNumber(qualificationExpiry(cal.date(obtained)));
        awards.push({ c, code, obtained, expires, ms: Math.max(c.createdMs, cal.instant(Math.min(obtained, lastDay), 10 * 3600)) });
        if (expires >= lastDay || !rng.chance(RENEWAL_SHARE)) break;
        obtained = expires + 1;
      }
    }
  }
  awards.sort((a, b) => a.ms - b.ms);
  await tables.write(
    CompanyQualification,
    awards.length,
    (i): EntityRow<CompanyQualification> => {
      const a = awards[i];
      return {
        id: uuidV7(a.ms, rng),
        companyId: a.c.id,
        code: a.code,
        obtainedOn: cal.date(a.obtained),
        expiresOn: cal.date(a.expires),
        createdById: a.c.createdBy,
        createdAt: cal.stamp(a.ms),
      };
    },
    t,
  );
}
