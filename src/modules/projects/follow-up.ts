/**
 * What an activity does to its subject's last-activity and next-follow-up times: the newest activity
 * is the last one; a next follow-up replaces the current one; an activity logged at or after the
 * follow-up came due, without a new one, completes it. Times are Dates (the service) or epoch
 * milliseconds (the demo generator, which applies the same rule).
 */
export interface FollowUpTimes<T extends Date | number> {
  lastActivityAt: T | null;
  nextFollowUpAt: T | null;
}

export interface FollowUpOutcome<T extends Date | number> extends FollowUpTimes<T> {
  /** The activity is the newest one. */
  newer: boolean;
  /** The current follow-up is done (cleared). */
  done: boolean;
}

export function afterActivity<T extends Date | number>(current: FollowUpTimes<T>, at: T, next: T | null): FollowUpOutcome<T> {
  const newer = current.lastActivityAt === null || at > current.lastActivityAt;
  const done = next === null && newer && current.nextFollowUpAt !== null && current.nextFollowUpAt <= at;
  return {
    newer,
    done,
    lastActivityAt: newer ? at : current.lastActivityAt,
    nextFollowUpAt: next !== null ? next : done ? null : current.nextFollowUpAt,
  };
}
