import { computed } from 'vue';
import { PHONE, useMedia } from './useMedia';

/** Forms: labels beside the fields on a desktop, above them on a phone (no sideways scrolling). */
export function useFormLayout(labelWidth = '100px') {
  const phone = useMedia(PHONE);
  return {
    phone,
    labelPosition: computed(() => (phone.value ? 'top' : 'right') as 'top' | 'right'),
    labelWidth: computed(() => (phone.value ? 'auto' : labelWidth)),
  };
}
