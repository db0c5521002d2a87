import { computed, reactive, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type FilterValue = string | string[] | number | boolean | undefined;

/**
 * A list page over a keyset-paginated API: the filters live in the URL (a link sent on WeCom opens
 * the same list), pages move forward by cursor and back through the cursors already seen; nothing ever
 * loads every row. `fetchPage` gets the filters and the cursor and returns one page.
 */
export function useKeysetList<T, F extends Record<string, FilterValue>>(opts: {
  defaults: F;
  fetchPage: (filters: F, cursor: string | undefined, limit: number) => Promise<Page<T>>;
  limit?: number;
  /** Keep filters in the URL (default true). */
  syncUrl?: boolean;
}) {
  const route = useRoute();
  const router = useRouter();
  const limit = ref(opts.limit ?? 20);
  const filters = reactive({ ...opts.defaults, ...fromQuery(route.query, opts.defaults) }) as F;
  const items = ref<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const error = ref<unknown>(null);
  const cursors = ref<(string | undefined)[]>([undefined]);
  const next = ref<string | null>(null);
  const pageNo = computed(() => cursors.value.length);
  let seq = 0;

  async function load(cursor: string | undefined): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const page = await opts.fetchPage({ ...filters } as F, cursor, limit.value);
      if (mine !== seq) return;
      items.value = page.items;
      next.value = page.nextCursor;
    } catch (e) {
      if (mine === seq) error.value = e;
      throw e;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Apply the filters: back to the first page, and into the URL. */
  async function search(): Promise<void> {
    cursors.value = [undefined];
    if (opts.syncUrl !== false) await router.replace({ query: { ...toQuery(filters, opts.defaults) } });
    await load(undefined);
  }

  async function reset(): Promise<void> {
    Object.assign(filters, opts.defaults);
    await search();
  }

  async function nextPage(): Promise<void> {
    if (!next.value) return;
    cursors.value.push(next.value);
    await load(next.value);
  }

  async function prevPage(): Promise<void> {
    if (cursors.value.length <= 1) return;
    cursors.value.pop();
    await load(cursors.value[cursors.value.length - 1]);
  }

  /** Reload the page the user is on (after a change). */
  const reload = (): Promise<void> => load(cursors.value[cursors.value.length - 1]);

  watch(limit, () => void search());

  return { filters, items, loading, error, limit, pageNo, hasNext: computed(() => Boolean(next.value)), search, reset, nextPage, prevPage, reload };
}

function fromQuery<F extends Record<string, FilterValue>>(query: LocationQuery, defaults: F): Partial<F> {
  const out: Record<string, FilterValue> = {};
  for (const [key, def] of Object.entries(defaults)) {
    const raw = query[key];
    if (raw === undefined || raw === null) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (Array.isArray(def)) out[key] = values.flatMap((v) => v.split(',')).filter(Boolean);
    else if (typeof def === 'boolean') out[key] = values[0] === 'true';
    else if (typeof def === 'number') out[key] = Number(values[0]);
    else out[key] = values[0];
  }
  return out as Partial<F>;
}

function toQuery(filters: Record<string, FilterValue>, defaults: Record<string, FilterValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === '' || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value.join(',');
      continue;
    }
    if (value === defaults[key]) continue;
    out[key] = String(value);
  }
  return out;
}

/** Drops empty filters before they go to the API (empty strings would be refused). */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}
