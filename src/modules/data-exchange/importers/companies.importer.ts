import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import type { Actor } from '../../../common/auth/actor.js';
import { UUID_PATTERN } from '../../../common/identity/ids.js';
import { normalizeUscc } from '../../../common/identity/uscc.js';
import { assertCan } from '../../auth/permissions.js';
import { CompaniesService } from '../../companies/companies.service.js';
import { Company } from '../../companies/company.entity.js';
import { CreateCompanyDto, QualificationRecordInput, toCompanyResponse } from '../../companies/dto/company.dto.js';
import { qualificationsOf } from '../../companies/qualifications.js';
import type { Qualification } from '../../reference/enums.js';
import { PROVINCES, QUALIFICATIONS } from '../../reference/enums.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { COMPANY_COLUMNS } from '../sheets/companies.sheet.js';
import { enumChoices, provinceKey, ReferenceChoices } from '../sheets/reference-choices.js';
import { BatchLookup, changedKeys, chunks, defined, ImportRow, ImportSession, Importer, KeyRegistry, RowOutcome, RowRejected, validatedRow } from './importer.js';

const provinces = enumChoices(PROVINCES, provinceKey);
const qualifications = enumChoices(QUALIFICATIONS);

/**
 * Companies (企业) from a sheet. The natural key is the USCC: a row whose USCC is known updates that
 * company. A row without one updates the live company of exactly that name that has no USCC either,
 * or creates one. An ID column (as exported) takes precedence over both.
 */
@Injectable()
export class CompaniesImporter implements Importer {
  readonly kind = 'companies' as const;
  readonly title = '企业';
  readonly columns = COMPANY_COLUMNS;
  readonly keyField = 'name';

  constructor(
    private readonly companies: CompaniesService,
    private readonly reference: ReferenceService,
  ) {}

  async begin(actor: Actor): Promise<ImportSession> {
    assertCan(actor, 'company.create');
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    const keys = new KeyRegistry();
    const lookup = new BatchLookup<Company>();
    let queued: CreateCompanyDto[] = [];
    return {
      flush: async (em: EntityManager): Promise<void> => {
        const creates = queued;
        queued = [];
        if (creates.length) await this.companies.createManyIn(em, creates, actor);
      },
      prepare: async (em: EntityManager, rows: ImportRow[]): Promise<void> => {
        const ids = new Set<string>();
        const codes = new Set<string>();
        const names = new Set<string>();
        for (const r of rows) {
          const id = r.peek('id')?.toLowerCase();
          const uscc = r.peek('uscc');
          if (id) ids.add(id);
          else if (uscc) codes.add(normalizeUscc(uscc));
          else if (r.peek('name')) names.add((r.peek('name') as string).trim());
        }
        const found = new Map<string, Company | null>();
        for (const k of ids) found.set(`id:${k}`, null);
        for (const k of codes) found.set(`uscc:${k}`, null);
        for (const k of names) found.set(`name:${k}`, null);
        const repo = em.getRepository(Company);
        for (const part of chunks([...ids].filter((i) => UUID_PATTERN.test(i)))) {
          for (const c of await repo.findBy({ id: In(part) })) found.set(`id:${c.id}`, c);
        }
        for (const part of chunks([...codes])) for (const c of await repo.findBy({ uscc: In(part) })) found.set(`uscc:${c.uscc}`, c);
        for (const part of chunks([...names])) {
          const live = await repo.find({ where: { name: In(part), uscc: IsNull(), archivedAt: IsNull() }, order: { id: 'ASC' } });
          for (const c of live.reverse()) found.set(`name:${c.name}`, c);
        }
        lookup.reset(found);
        queued = [];
      },
      importRow: async (em: EntityManager, row: ImportRow, opts: { defer: boolean }): Promise<RowOutcome> => {
        const id = row.uuid('id');
        const industry = row.choice('industry', 'industry', ref.industries);
        const codes = row.choices('qualifications', 'qualifications', qualifications) as Qualification[] | undefined;
        const obtainedOn = row.date('qualifiedOn', 'qualificationRecords');
        const expiresOn = row.date('qualificationExpiresOn', 'qualificationRecords');
        if ((obtainedOn || expiresOn) && !codes?.length) {
          row.issues.push({ field: 'qualifications', code: 'required', message: '资质认定日期/有效期至 need the qualifications (企业资质) they apply to' });
        }
        // With a date, the row's qualifications are awards of that date; without, codes held as of today.
        const awards = codes?.length && obtainedOn ? codes.map((code) => ({ code, obtainedOn, ...(expiresOn && { expiresOn }) })) : undefined;
        const body = defined({
          name: row.text('name'),
          uscc: row.text('uscc'),
          originProvince: row.choice('originProvince', 'originProvince', provinces),
          originCity: row.text('originCity'),
          industry,
          segments: row.choices('segments', 'segments', ref.segmentsOf(industry)),
          qualifications: awards ? undefined : codes,
          qualificationRecords: awards,
        });
        const dto = await validatedRow(CreateCompanyDto, body, row);
        keys.claim(id ?? (dto.uscc ? `uscc:${dto.uscc}` : `name:${dto.name}`), row.row, dto.uscc ? 'uscc' : 'name', id ? 'ID' : dto.uscc ? 'USCC' : 'company name');
        const repo = em.getRepository(Company);
        const existing = id
          ? await lookup.get(`id:${id}`, () => repo.findOneBy({ id }))
          : dto.uscc
            ? await lookup.get(`uscc:${dto.uscc}`, () => repo.findOneBy({ uscc: dto.uscc as string }))
            : await lookup.get(`name:${dto.name}`, () => repo.findOne({ where: { name: dto.name, uscc: IsNull(), archivedAt: IsNull() }, order: { id: 'ASC' } }));
        if (id && !existing) throw new RowRejected([{ field: 'id', code: 'notFound', message: `no company with id ${id}` }]);
        if (existing?.archivedAt) throw new RowRejected([{ field: id ? 'id' : 'uscc', code: 'archived', message: `company ${existing.name} is archived (merged into another?)` }]);
        if (!existing) {
          await this.reference.assertTags({ industry: dto.industry, segments: dto.segments });
          if (opts.defer) queued.push(dto);
          else await this.companies.createIn(em, dto, actor);
          return 'created';
        }
        const records = (await qualificationsOf(em, [existing.id])).get(existing.id) ?? [];
        const current = toCompanyResponse(existing, records);
        const { qualificationRecords: rowAwards, ...fields } = dto;
        const changed = changedKeys(fields, current);
        const patch: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, fields[k]]));
        if (rowAwards) {
          // A sheet adds or re-dates awards; it never removes the company's other ones.
          const merged = new Map<string, QualificationRecordInput>(records.map((r) => [`${r.code}|${r.obtainedOn}`, { code: r.code, obtainedOn: r.obtainedOn, expiresOn: r.expiresOn }]));
          let differs = false;
          for (const a of rowAwards) {
            const key = `${a.code}|${a.obtainedOn}`;
            const before = merged.get(key);
            if (!before || (a.expiresOn !== undefined && a.expiresOn !== before.expiresOn)) differs = true;
            merged.set(key, { ...before, ...a });
          }
          if (differs) patch.qualificationRecords = [...merged.values()];
        }
        if (Object.keys(patch).length === 0) return 'unchanged';
        await this.companies.updateIn(em, existing.id, { ...patch, version: existing.version }, actor);
        return 'updated';
      },
    };
  }
}
