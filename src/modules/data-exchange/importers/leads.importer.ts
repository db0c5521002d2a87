import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../../../common/auth/actor.js';
import { assertCan } from '../../auth/permissions.js';
import { CreateLeadDto, toLeadResponse } from '../../leads/dto/lead.dto.js';
import { Lead } from '../../leads/lead.entity.js';
import { LeadsService } from '../../leads/leads.service.js';
import { LEAD_SOURCES, PROVINCES } from '../../reference/enums.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { LEAD_COLUMNS } from '../sheets/leads.sheet.js';
import { enumChoices, provinceKey, ReferenceChoices } from '../sheets/reference-choices.js';
import { changedKeys, defined, ImportRow, ImportSession, Importer, KeyRegistry, RowOutcome, RowRejected, validatedRow } from './importer.js';

const sources = enumChoices(LEAD_SOURCES);
const provinces = enumChoices(PROVINCES, provinceKey);

/**
 * Leads (线索) from a sheet, owned by the importing officer. The natural key is the company name:
 * a row updates the newest live lead of exactly that company name (the owner's or an admin's to
 * change, as in the API), or creates one. An ID column (as exported) takes precedence.
 */
@Injectable()
export class LeadsImporter implements Importer {
  readonly kind = 'leads' as const;
  readonly title = '线索';
  readonly columns = LEAD_COLUMNS;
  readonly keyField = 'companyName';

  constructor(
    private readonly leads: LeadsService,
    private readonly reference: ReferenceService,
  ) {}

  async begin(actor: Actor): Promise<ImportSession> {
    assertCan(actor, 'lead.create');
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    const keys = new KeyRegistry();
    return {
      importRow: async (em: EntityManager, row: ImportRow): Promise<RowOutcome> => {
        const id = row.uuid('id');
        const body = defined({
          companyName: row.text('companyName'),
          source: row.choice('source', 'source', sources),
          contactName: row.text('contactName'),
          contactPhone: row.text('contactPhone'),
          contactEmail: row.text('contactEmail'),
          industry: row.choice('industry', 'industry', ref.industries),
          originProvince: row.choice('originProvince', 'originProvince', provinces),
          notes: row.text('notes'),
        });
        const dto = await validatedRow(CreateLeadDto, body, row);
        keys.claim(id ?? `name:${dto.companyName}`, row.row, 'companyName', id ? 'ID' : 'company name');
        const repo = em.getRepository(Lead);
        const existing = id
          ? await repo.findOneBy({ id })
          : await repo.findOne({ where: { companyName: dto.companyName, archivedAt: IsNull() }, order: { id: 'DESC' } });
        if (id && !existing) throw new RowRejected([{ field: 'id', code: 'notFound', message: `no lead with id ${id}` }]);
        if (!existing) {
          await this.leads.createIn(em, dto, actor);
          return 'created';
        }
        const changed = changedKeys(dto, toLeadResponse(existing));
        if (changed.length === 0) return 'unchanged';
        const patch = Object.fromEntries(changed.map((k) => [k, dto[k]]));
        await this.leads.updateIn(em, existing.id, { ...patch, version: existing.version }, actor);
        return 'updated';
      },
    };
  }
}
