import { ref } from 'vue';
import { api, ok } from '@/api/client';

const unread = ref(0);
const MAX = 99;

/** The bell's number: my unread notifications (shown as 99+ past 99). */
export function useUnread() {
  async function refresh(): Promise<void> {
    unread.value = ok(await api.GET('/api/v1/notifications/unread-count')).count;
  }
  return { unread, refresh, max: MAX };
}
