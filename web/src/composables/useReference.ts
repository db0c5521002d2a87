import { computed, ref } from 'vue';
import { api, ok } from '@/api/client';

interface Label {
  nameZh: string;
  nameEn: string;
}
type EnumTable = Record<string, Record<string, Label>>;

export interface Industry {
  code: string;
  nameZh: string;
  group: string;
  segments: { code: string; nameZh: string }[];
}
export interface Zone {
  code: string;
  nameZh: string;
  kind: string;
  focusIndustries: string[];
}

const enums = ref<EnumTable>({});
const industries = ref<Industry[]>([]);
const zones = ref<Zone[]>([]);
let loading: Promise<void> | null = null;

/**
 * The Chinese words of every enum and the industries and zones, from the API's reference data
 * (one load per session; labels never written twice).
 */
export function useReference() {
  function load(): Promise<void> {
    loading ??= (async () => {
      const [e, i, z] = await Promise.all([api.GET('/api/v1/enums'), api.GET('/api/v1/industries'), api.GET('/api/v1/zones')]);
      enums.value = ok(e) as unknown as EnumTable;
      industries.value = ok(i) as unknown as Industry[];
      zones.value = ok(z) as unknown as Zone[];
    })().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  }

  /** The Chinese label of an enum value: label('projectStages', 'SIGNED') → 签约. */
  function label(table: string, value: string | null | undefined): string {
    if (!value) return '—';
    return enums.value[table]?.[value]?.nameZh ?? value;
  }

  function options(table: string): { value: string; label: string }[] {
    return Object.entries(enums.value[table] ?? {}).map(([value, l]) => ({ value, label: l.nameZh }));
  }

  const industryName = (code: string | null | undefined): string => industries.value.find((i) => i.code === code)?.nameZh ?? code ?? '—';
  const zoneName = (code: string | null | undefined): string => zones.value.find((z) => z.code === code)?.nameZh ?? code ?? '—';
  const segmentName = (code: string): string => {
    for (const i of industries.value) {
      const s = i.segments.find((x) => x.code === code);
      if (s) return s.nameZh;
    }
    return code;
  };

  return {
    load,
    enums,
    industries: computed(() => industries.value),
    zones: computed(() => zones.value),
    label,
    options,
    industryName,
    zoneName,
    segmentName,
  };
}
