import type { Directive } from 'vue';
import { useSession } from '@/stores/session';

/**
 * `v-can="'project.update'"` or `v-can="['project.update', project.ownerId]"`: removes what the
 * role may not do from the page. Hiding is a courtesy, not a check: the API refuses regardless.
 */
export const vCan: Directive<HTMLElement, string | [string, string | null | undefined]> = {
  mounted(el, binding) {
    apply(el, binding.value);
  },
  updated(el, binding) {
    apply(el, binding.value);
  },
};

function apply(el: HTMLElement, value: string | [string, string | null | undefined]): void {
  const [action, owner] = Array.isArray(value) ? value : [value, undefined];
  const allowed = useSession().can(action, owner);
  el.style.display = allowed ? '' : 'none';
  if (!allowed) el.setAttribute('data-hidden-by-permission', action);
  else el.removeAttribute('data-hidden-by-permission');
}
