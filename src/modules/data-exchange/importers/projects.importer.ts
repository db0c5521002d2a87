import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../../../common/auth/actor.js';
import type { FieldIssue } from '../../../common/errors/domain-error.js';
import { formatMinorUnits, parseMinorUnits } from '../../../common/money/money.js';
import { assertCan } from '../../auth/permissions.js';
import { Company } from '../../companies/company.entity.js';
import { CreateProjectDto, UpdateProjectDto } from '../../projects/dto/project.dto.js';
import { toProjectResponse } from '../../projects/dto/project.response.js';
import { Project } from '../../projects/project.entity.js';
import { ProjectsService } from '../../projects/projects.service.js';
import { CURRENCY_LABELS, RELOCATION_FUNCTIONS } from '../../reference/enums.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { ChoiceMap } from '../sheet/cells.js';
import { PROJECT_COLUMNS } from '../sheets/projects.sheet.js';
import { enumChoices, provinceKey, ReferenceChoices } from '../sheets/reference-choices.js';
import { changedKeys, defined, ImportRow, ImportSession, Importer, KeyRegistry, RowOutcome, RowRejected, validatedRow } from './importer.js';

const currencies = enumChoices(CURRENCY_LABELS);
const functions = enumChoices(RELOCATION_FUNCTIONS);
const origins = new ChoiceMap(
  [
    { code: 'BEIJING', words: ['北京市', 'Beijing'] },
    { code: 'HEBEI', words: ['河北省', 'Hebei'] },
  ],
  provinceKey,
);

/** The API view's fields an import row can set, compared to decide between update and unchanged. */
function comparable(p: ReturnType<typeof toProjectResponse>): Record<string, unknown> {
  return {
    name: p.name,
    companyId: p.companyId,
    industry: p.industry,
    segments: p.segments,
    zone: p.zone,
    plannedInvestment: p.plannedInvestment,
    areaRequirement: p.areaRequirement,
    relocation: p.relocation && {
      originProvince: p.relocation.originProvince,
      ...(p.relocation.originCity !== null && { originCity: p.relocation.originCity }),
      ...(p.relocation.originDistrict !== null && { originDistrict: p.relocation.originDistrict }),
      function: p.relocation.function,
      centralSoe: p.relocation.centralSoe,
    },
  };
}

/**
 * Projects (招商项目) from a sheet, at NEGOTIATING and owned by the importing officer. The company
 * must exist (by USCC, or by a name only one live company has). The natural key is the company
 * with the project name: a row updates that live project (the owner's or an admin's to change) or
 * creates it. An ID column (as exported) takes precedence. Stages move through transitions, not imports.
 */
@Injectable()
export class ProjectsImporter implements Importer {
  readonly kind = 'projects' as const;
  readonly title = '招商项目';
  readonly columns = PROJECT_COLUMNS;
  readonly keyField = 'name';

  constructor(
    private readonly projects: ProjectsService,
    private readonly reference: ReferenceService,
  ) {}

  async begin(actor: Actor): Promise<ImportSession> {
    assertCan(actor, 'project.create');
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    const keys = new KeyRegistry();
    return {
      importRow: async (em: EntityManager, row: ImportRow): Promise<RowOutcome> => {
        const id = row.uuid('id');
        const companyId = await this.companyOf(em, row);
        const industry = row.choice('industry', 'industry', ref.industries);
        const amount = row.decimal('plannedInvestment', 'plannedInvestment.amount', { suffixes: ['美元', 'USD', '$'] });
        const currency = row.choice('currency', 'plannedInvestment.currency', currencies);
        const areaMin = row.number('areaMin', 'areaRequirement.min', { suffixes: ['㎡', '平方米', '平米', 'm²', 'm2'] });
        const areaMax = row.number('areaMax', 'areaRequirement.max', { suffixes: ['㎡', '平方米', '平米', 'm²', 'm2'] });
        const relocation = defined({
          originProvince: row.choice('originProvince', 'relocation.originProvince', origins),
          originCity: row.text('originCity', 'relocation.originCity'),
          originDistrict: row.text('originDistrict', 'relocation.originDistrict'),
          function: row.choice('function', 'relocation.function', functions),
          centralSoe: row.boolean('centralSoe', 'relocation.centralSoe'),
        });
        const issues: FieldIssue[] = [];
        if (currency && amount === undefined) issues.push({ field: 'plannedInvestment.amount', code: 'required', message: 'a currency without an amount' });
        if ((areaMin === undefined) !== (areaMax === undefined) && !row.issues.some((i) => i.field.startsWith('areaRequirement'))) {
          issues.push({ field: areaMin === undefined ? 'areaRequirement.min' : 'areaRequirement.max', code: 'required', message: 'give both the lower and the upper area, or neither' });
        }
        row.issues.push(...issues);
        const body = defined({
          name: row.text('name'),
          companyId,
          industry,
          segments: row.choices('segments', 'segments', ref.segmentsOf(industry)),
          zone: row.choice('zone', 'zone', ref.zones),
          plannedInvestment: amount !== undefined ? { amount, currency: currency ?? 'CNY' } : undefined,
          areaRequirement: areaMin !== undefined && areaMax !== undefined ? { min: areaMin, max: areaMax } : undefined,
          relocation: Object.keys(relocation).length > 0 ? relocation : undefined,
          startedAt: row.date('startedAt'),
        });
        const dto = await validatedRow(CreateProjectDto, body, row);
        keys.claim(id ?? `${dto.companyId}:${dto.name}`, row.row, 'name', id ? 'ID' : 'company and project name');
        const repo = em.getRepository(Project);
        const existing = id
          ? await repo.findOne({ where: { id }, relations: { company: true } })
          : await repo.findOne({ where: { companyId: dto.companyId, name: dto.name, archivedAt: IsNull() }, relations: { company: true }, order: { id: 'ASC' } });
        if (id && !existing) throw new RowRejected([{ field: 'id', code: 'notFound', message: `no project with id ${id}` }]);
        if (!existing) {
          await this.projects.createIn(em, dto, actor);
          return 'created';
        }
        const { startedAt: _startedAt, ownerId: _ownerId, ...fields } = dto;
        const next: Record<string, unknown> = {
          ...fields,
          ...(fields.plannedInvestment && {
            plannedInvestment: { amount: formatMinorUnits(parseMinorUnits(fields.plannedInvestment.amount) ?? 0n), currency: fields.plannedInvestment.currency },
          }),
          ...(fields.relocation && { relocation: { ...fields.relocation, centralSoe: fields.relocation.centralSoe ?? false } }),
        };
        const changed = changedKeys(next, comparable(toProjectResponse(existing)));
        if (changed.length === 0) return 'unchanged';
        const patch = Object.fromEntries(changed.map((k) => [k, fields[k as keyof typeof fields]])) as Partial<UpdateProjectDto>;
        await this.projects.updateIn(em, existing.id, { ...patch, version: existing.version }, actor);
        return 'updated';
      },
    };
  }

  /** The project's company: by USCC, else by a name exactly one live company has. */
  private async companyOf(em: EntityManager, row: ImportRow): Promise<string | undefined> {
    const uscc = row.text('companyUscc', 'companyId')?.toUpperCase();
    const name = row.text('companyName', 'companyId');
    const repo = em.getRepository(Company);
    if (uscc) {
      const c = await repo.findOne({ where: { uscc }, select: { id: true, archivedAt: true } });
      if (c && !c.archivedAt) return c.id;
      row.issues.push({ field: 'companyId', code: 'notFound', message: `no company with USCC ${uscc}; import the companies sheet first` });
      return undefined;
    }
    if (name) {
      const found = await repo.find({ where: { name, archivedAt: IsNull() }, select: { id: true }, take: 2 });
      if (found.length === 1) return found[0].id;
      row.issues.push({
        field: 'companyId',
        code: found.length === 0 ? 'notFound' : 'ambiguous',
        message: found.length === 0 ? `no company named ${name}; import the companies sheet first` : `several companies are named ${name}; give the USCC`,
      });
      return undefined;
    }
    row.issues.push({ field: 'companyId', code: 'required', message: 'give the company’s USCC or name' });
    return undefined;
  }
}
