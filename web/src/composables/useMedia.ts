import { onBeforeUnmount, ref, type Ref } from 'vue';

/** True while the media query matches (e.g. a phone: `(max-width: 768px)`). */
export function useMedia(query: string): Ref<boolean> {
  const list = window.matchMedia(query);
  const matches = ref(list.matches);
  const update = (e: MediaQueryListEvent): void => {
    matches.value = e.matches;
  };
  list.addEventListener('change', update);
  onBeforeUnmount(() => list.removeEventListener('change', update));
  return matches;
}

export const PHONE = '(max-width: 768px)';
