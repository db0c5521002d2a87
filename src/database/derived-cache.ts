import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { changeCount } from './change-counter.js';

interface Entry {
  at: string;
  value: Promise<unknown>;
}

/** How many derived results a process keeps (progress for a few plans × dates × breakdowns). */
const MAX_ENTRIES = 500;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Results derived from the whole database (plan progress, breakdowns, the funnel), kept until the
 * next committed change. Validity is one read of the change counter (database/change-counter.ts), so
 * every instance sharing the database drops its copy at the same moment and a reader never sees a
 * figure older than the last commit it could observe.
 *
 * Concurrent requests for the same key share one computation (a breakdown over a million entries
 * runs once, not once per waiting dashboard). A result computed while a write commits is stored
 * under the count read before computing, so it is at worst recomputed once more, never served stale.
 * Results are frozen: callers share them.
 */
@Injectable()
export class DerivedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const at = await changeCount(this.dataSource.manager);
    const hit = this.entries.get(key);
    if (hit && hit.at === at) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute().then(deepFreeze);
    const entry: Entry = { at, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
