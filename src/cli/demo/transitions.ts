import { ProjectTransition } from '../../modules/projects/project-records.entities.js';
import type { DemoContext } from './context.js';
import type { EntityRow } from './entity-rows.js';
import type { ProjectModel } from './projects.js';
import { uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import * as V from './vocabulary.js';

/** The stage history: one row per step of each project's path, in time order; none superseded. */
export async function writeTransitions(ctx: DemoContext, tables: DemoTables, projects: ProjectModel[]): Promise<void> {
  const t = performance.now();
  const { cal } = ctx;
  const rng = ctx.stream('transitions');
  const steps: { ms: number; p: ProjectModel; k: number }[] = [];
  for (const p of projects) for (let k = 0; k < p.path.length; k++) steps.push({ ms: p.instants[k], p, k });
  steps.sort((a, b) => a.ms - b.ms || a.p.index - b.p.index || a.k - b.k);
  await tables.write(
    ProjectTransition,
    steps.length,
    (i): EntityRow<ProjectTransition> => {
      const { ms, p, k } = steps[i];
      const to = p.path[k];
      const notes = V.TRANSITION_NOTES[to];
      const note = k > 0 && notes && rng.chance(0.5) ? rng.pick(notes) : null;
      return {
        id: uuidV7(ms, rng),
        projectId: p.id,
        fromStage: k === 0 ? null : p.path[k - 1],
        toStage: to,
        at: cal.date(p.days[k]),
        reason: to === 'LOST' ? p.lostReason : null,
        note,
        actorId: p.owner,
        createdAt: cal.stamp(ms),
        supersededAt: null,
      };
    },
    t,
  );
}
