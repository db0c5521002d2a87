import { ref } from 'vue';
import { api, ok } from '@/api/client';

export interface Person {
  id: string;
  displayName: string;
  role: string;
  active: boolean;
}

const people = ref<Person[]>([]);
let loading: Promise<void> | null = null;

/** Who is who (display names of the district's users), for owner columns and pickers. */
export function useDirectory() {
  function load(): Promise<void> {
    loading ??= (async () => {
      people.value = ok(await api.GET('/api/v1/users/directory')) as Person[];
    })().catch(() => {
      loading = null;
    });
    return loading;
  }
  const nameOf = (id: string | null | undefined): string => (id ? (people.value.find((p) => p.id === id)?.displayName ?? '—') : '—');
  const officers = (): Person[] => people.value.filter((p) => p.active && (p.role === 'OFFICER' || p.role === 'ADMIN'));
  return { people, load, nameOf, officers };
}
