import { ref } from 'vue';
import { api, ok } from '@/api/client';
import type { Department } from '@/api/types';

const departments = ref<Department[]>([]);
let loading: Promise<void> | null = null;

/** The responsible departments (责任单位), loaded once per session for pickers and filters. */
export function useDepartments() {
  function load(): Promise<void> {
    loading ??= (async () => {
      departments.value = ok(await api.GET('/api/v1/departments', { params: { query: { limit: 200 } } })).items;
    })().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  }
  return { departments, load };
}
