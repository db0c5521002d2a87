import type { ProjectStage } from '../../modules/reference/enums.js';
import { FORWARD, checkTransition } from '../../modules/projects/stage-machine.js';
import { Rng, Weighted } from './random.js';

/**
 * Where each project is in the pipeline and how it got there: stages drawn with the shares of the
 * brief and matched to age, then a path from NEGOTIATING with gaps between the moves. Every move is
 * one the projects module's stage machine allows.
 */

/** The share of projects at each stage; LOST is drawn first, the open ladder by maturity. */
const LOST_SHARE = 0.1;
const STAGE_LADDER: [ProjectStage, number][] = [
  ['NEGOTIATING', 25],
  ['SITE_VISIT', 15],
  ['SIGNED', 20],
  ['REGISTERED', 15],
  ['OPERATING', 15],
];
/** How loosely maturity follows age (standard deviation, in fractions of the whole period). */
const MATURITY_NOISE = 0.3;
const LOST_FROM = new Weighted<ProjectStage>([
  ['NEGOTIATING', 45],
  ['SITE_VISIT', 30],
  ['SIGNED', 17],
  ['REGISTERED', 8],
]);

/**
 * Stages with the shares of the brief, but matched to age: LOST first (older projects more often),
 * then the open ladder assigned by a noisy maturity score, so old projects have mostly moved on and
 * young ones are mostly still negotiating, with exceptions both ways.
 */
export function assignStages(rng: Rng, creation: Float64Array, ageOf: (ms: number) => number): ProjectStage[] {
  const n = creation.length;
  const stages: ProjectStage[] = new Array(n);
  let meanAge = 0;
  for (let i = 0; i < n; i++) meanAge += ageOf(creation[i]) / n;
  const open: { i: number; score: number }[] = [];
  for (let i = 0; i < n; i++) {
    const age = ageOf(creation[i]);
    if (rng.chance((LOST_SHARE * (age + 0.2)) / (meanAge + 0.2))) stages[i] = 'LOST';
    else open.push({ i, score: age + MATURITY_NOISE * rng.normal() });
  }
  open.sort((a, b) => a.score - b.score || a.i - b.i);
  const total = STAGE_LADDER.reduce((sum, [, w]) => sum + w, 0);
  let rung = 0;
  let upTo = STAGE_LADDER[0][1] / total;
  open.forEach(({ i }, k) => {
    const q = (k + 0.5) / open.length;
    while (q > upTo && rung < STAGE_LADDER.length - 1) upTo += STAGE_LADDER[++rung][1] / total;
    stages[i] = STAGE_LADDER[rung][0];
  });
  return stages;
}

/** The stages a project passed through to reach `stage`, from NEGOTIATING (SITE_VISIT mostly not skipped). */
export function pathTo(stage: ProjectStage, rng: Rng): ProjectStage[] {
  const target = stage === 'LOST' ? LOST_FROM.pick(rng) : stage;
  const rank = FORWARD.indexOf(target);
  const path: ProjectStage[] = ['NEGOTIATING'];
  if (rank === 1 || (rank > 1 && rng.chance(0.7))) path.push('SITE_VISIT');
  for (let r = 2; r <= rank; r++) path.push(FORWARD[r]);
  if (stage === 'LOST') path.push('LOST');
  return path;
}

/** Days between reaching `from` and moving on to `to`. */
export function gapDays(rng: Rng, from: ProjectStage, to: ProjectStage): number {
  switch (to) {
    case 'SITE_VISIT':
      return rng.int(7, 90);
    case 'SIGNED':
      return from === 'SITE_VISIT' ? rng.int(15, 150) : rng.int(30, 210);
    case 'REGISTERED':
      return rng.int(10, 90);
    case 'OPERATING':
      return rng.int(20, 180);
    default:
      return rng.int(15, 240);
  }
}

/**
 * The path's moves checked by the stage machine the service uses: where the project first counts as
 * signed (signedAt), and whether a move needs the company's credit code (REGISTERED and beyond).
 */
export function checkPath(path: ProjectStage[], lostReason: string | null): { signedIndex: number; needsUscc: boolean } {
  let signedIndex = -1;
  let needsUscc = false;
  for (let k = 1; k < path.length; k++) {
    let outcome = checkTransition({ from: path[k - 1], to: path[k], reason: lostReason, companyHasUscc: false });
    if (outcome.rule === 'REGISTERED_NEEDS_USCC') {
      needsUscc = true;
      outcome = checkTransition({ from: path[k - 1], to: path[k], reason: lostReason, companyHasUscc: true });
    }
    if (!outcome.ok) throw new Error(`Demo path ${path.join(' → ')}: ${outcome.message}`);
    if (outcome.reachesSigned && signedIndex < 0) signedIndex = k;
  }
  return { signedIndex, needsUscc };
}
