import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { decodeCursor, encodeCursor, likePattern, Page } from '../../common/pagination/cursor.js';
import { sql } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { companyNameKey, LIKELY_DUPLICATE, nameSimilarity } from './company-names.js';
import { Company } from './company.entity.js';
import type { DuplicateGroup, DuplicateMember, DuplicatesQuery, SimilarCompany } from './dto/company-duplicates.dto.js';
import type { DuplicateWarning } from './dto/company.dto.js';

/** Compared pairwise only inside blocks of at most this many companies (sharing a name-key prefix or suffix). */
const MAX_BLOCK = 400;
/** Name keys filled per statement batch when rows were written without one. */
const KEY_BATCH = 500;

interface Candidate {
  id: string;
  name: string;
  nameKey: string;
  uscc: string | null;
}

/**
 * Finds companies that are probably the same enterprise: the same name key (region and legal form
 * dropped, see company-names.ts) or similar names. Warns on create; reports groups for merging.
 */
@Injectable()
export class CompanyDuplicatesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly tx: Transactions,
  ) {}

  /**
   * Fills the name key of companies written without one: rows from before the key existed, and
   * those whose key a migration cleared to be computed afresh (every writer, the demo generator
   * included, sets it with companyNameKey). Cheap when there are none: an index lookup.
   */
  async ensureKeys(): Promise<void> {
    for (;;) {
      const missing = await this.companies.find({ where: { nameKey: IsNull() }, select: { id: true, name: true }, take: KEY_BATCH });
      if (missing.length === 0) return;
      await this.tx.run(async (em) => {
        for (const c of missing) await sql(em, 'UPDATE companies SET name_key = ? WHERE id = ?', [companyNameKey(c.name).slice(0, 200), c.id]);
      });
      if (missing.length < KEY_BATCH) return;
    }
  }

  /** Other live companies that are probably the same as this one, most alike first. */
  async warningsFor(company: Pick<Company, 'id' | 'name'>): Promise<DuplicateWarning[]> {
    const similar = await this.similarTo(company.name, company.id);
    return similar.map(({ company: c, score }) => ({
      code: 'LIKELY_DUPLICATE' as const,
      message: `${c.name} looks like the same company (name similarity ${score.toFixed(2)}); check it, and merge with POST /api/v1/companies/${company.id}/merge if so`,
      companyId: c.id,
      name: c.name,
      uscc: c.uscc,
      score,
    }));
  }

  /**
   * Live companies whose name is likely the same as `name` (the same name key, or keys at least
   * LIKELY_DUPLICATE alike), at most `limit`, most alike first; `excludeId` leaves a company itself out.
   * Candidates share the key or its first or last two characters (idx_companies_name_key).
   */
  async similarTo(name: string, excludeId?: string, limit = 5): Promise<SimilarCompany[]> {
    await this.ensureKeys();
    const key = companyNameKey(name);
    const chars = [...key];
    const qb = this.companies
      .createQueryBuilder('c')
      .select(['c.id', 'c.name', 'c.nameKey', 'c.uscc'])
      .where('c.archivedAt IS NULL');
    if (excludeId) qb.andWhere('c.id != :id', { id: excludeId });
    if (chars.length >= 2) {
      qb.andWhere(`(c.nameKey = :key OR c.nameKey LIKE :prefix ESCAPE '\\' OR c.nameKey LIKE :suffix ESCAPE '\\')`, {
        key,
        prefix: likePattern(chars.slice(0, 2).join('')).slice(1),
        suffix: likePattern(chars.slice(-2).join('')).slice(0, -1),
      });
    } else {
      qb.andWhere('c.nameKey = :key', { key });
    }
    // Companies with the very key first, so a crowded prefix never pushes them past the candidate cap.
    qb.addSelect('CASE WHEN c.nameKey = :key THEN 0 ELSE 1 END', 'exact').setParameter('key', key);
    const rows = await qb.orderBy('exact', 'ASC').addOrderBy('c.id', 'ASC').limit(MAX_BLOCK).getMany();
    return rows
      .map((c) => ({ c, score: nameSimilarity(key, c.nameKey ?? companyNameKey(c.name)) }))
      .filter((x) => x.score >= LIKELY_DUPLICATE)
      .sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : 1))
      .slice(0, limit)
      .map(({ c, score }) => ({ company: { id: c.id, name: c.name, uscc: c.uscc }, score }));
  }

  /**
   * The duplicates report: groups of live companies with the same name key or names at least
   * `minScore` alike, ordered by their oldest member; keyset-paginated on that member's id.
   */
  async report(query: DuplicatesQuery): Promise<Page<DuplicateGroup>> {
    await this.ensureKeys();
    const minScore = query.minScore ?? LIKELY_DUPLICATE;
    const all = (await this.companies.find({
      where: { archivedAt: IsNull() },
      select: { id: true, name: true, nameKey: true, uscc: true },
      order: { id: 'ASC' },
    })) as Candidate[];
    const parent = new Map<string, string>();
    const best = new Map<string, number>();
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root) as string;
      parent.set(id, root);
      return root;
    };
    const union = (a: string, b: string, score: number): void => {
      const ra = find(a);
      const rb = find(b);
      const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
      if (ra !== rb) parent.set(drop, keep);
      best.set(keep, Math.max(score, best.get(keep) ?? 0, best.get(drop) ?? 0));
    };
    for (const c of all) parent.set(c.id, c.id);
    const blocks = new Map<string, Candidate[]>();
    for (const c of all) {
      const chars = [...c.nameKey];
      for (const block of new Set([`=${c.nameKey}`, `<${chars.slice(0, 2).join('')}`, `>${chars.slice(-2).join('')}`])) {
        const list = blocks.get(block);
        if (list) list.push(c);
        else blocks.set(block, [c]);
      }
    }
    for (const [block, members] of blocks) {
      if (members.length < 2) continue;
      if (block.startsWith('=')) {
        for (const m of members.slice(1)) union(members[0].id, m.id, 1);
        continue;
      }
      if (members.length > MAX_BLOCK || minScore >= 1) continue;
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const score = nameSimilarity(members[i].nameKey, members[j].nameKey);
          if (score >= minScore) union(members[i].id, members[j].id, score);
        }
      }
    }
    const groups = new Map<string, Candidate[]>();
    for (const c of all) {
      const root = find(c.id);
      if (root === c.id && !best.has(root)) continue;
      const list = groups.get(root);
      if (list) list.push(c);
      else groups.set(root, [c]);
    }
    let roots = [...groups.keys()].filter((r) => (groups.get(r) as Candidate[]).length > 1).sort();
    if (query.cursor) {
      const after = decodeCursor(query.cursor, 'duplicates').id;
      roots = roots.filter((r) => r > after);
    }
    const page = roots.slice(0, query.limit);
    const members = page.flatMap((r) => groups.get(r) as Candidate[]);
    const details = await this.memberDetails(members.map((m) => m.id));
    return {
      items: page.map((root) => {
        const list = groups.get(root) as Candidate[];
        const score = best.get(root) ?? 1;
        return {
          nameKey: list[0].nameKey,
          reason: score >= 1 && list.every((c) => c.nameKey === list[0].nameKey) ? 'SAME_NAME' : 'SIMILAR_NAME',
          score,
          companies: list.map((c) => details.get(c.id) as DuplicateMember),
        };
      }),
      nextCursor: roots.length > page.length ? encodeCursor({ id: page[page.length - 1], s: 'duplicates' }) : null,
    };
  }

  /** Members with what hangs on them, so a user can choose which one survives. */
  private async memberDetails(ids: string[]): Promise<Map<string, DuplicateMember>> {
    const out = new Map<string, DuplicateMember>();
    if (ids.length === 0) return out;
    const em = this.companies.manager;
    const marks = ids.map(() => '?').join(', ');
    const [companies, leads, projects] = await Promise.all([
      this.companies.createQueryBuilder('c').whereInIds(ids).getMany(),
      sql<{ id: string; n: number | string }>(em, `SELECT company_id AS id, COUNT(*) AS n FROM leads WHERE company_id IN (${marks}) GROUP BY company_id`, ids),
      sql<{ id: string; n: number | string }>(em, `SELECT company_id AS id, COUNT(*) AS n FROM projects WHERE company_id IN (${marks}) GROUP BY company_id`, ids),
    ]);
    const leadCount = new Map(leads.map((r) => [r.id, Number(r.n)]));
    const projectCount = new Map(projects.map((r) => [r.id, Number(r.n)]));
    for (const c of companies) {
      out.set(c.id, {
        id: c.id,
        name: c.name,
        uscc: c.uscc,
        industry: c.industryCode,
        originProvince: c.originProvince,
        createdAt: c.createdAt,
        leadCount: leadCount.get(c.id) ?? 0,
        projectCount: projectCount.get(c.id) ?? 0,
      });
    }
    return out;
  }
}
