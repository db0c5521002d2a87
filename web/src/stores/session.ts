import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, connectSession, ok } from '@/api/client';
import { ApiError } from '@/api/errors';

export type Role = 'ADMIN' | 'OFFICER' | 'BUILDING_MANAGER' | 'LEADER' | 'DEPARTMENT';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  buildingIds?: string[];
}

/** What a role may do, from the server's permission table: every action, for all records or only its own. */
export type Grants = Record<string, 'ALL' | 'OWN'>;

const TOKEN_KEY = 'heping.workbench.token';
const USER_KEY = 'heping.workbench.user';

export const ROLE_ZH: Record<Role, string> = {
  ADMIN: '系统管理员',
  OFFICER: '招商专员',
  BUILDING_MANAGER: '楼宇管理员',
  LEADER: '区领导',
  DEPARTMENT: '责任单位',
};

/**
 * The signed-in user: token, user and what their role may do. Kept in localStorage so that a link
 * opened from WeCom in a new tab is already signed in; the token expires on the server's clock.
 */
export const useSession = defineStore('session', () => {
  const token = ref<string | null>(localStorage.getItem(TOKEN_KEY));
  const user = ref<SessionUser | null>(JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as SessionUser | null);
  const grants = ref<Grants>({});
  const reloginOpen = ref(false);
  let pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  const signedIn = computed(() => Boolean(token.value && user.value));
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function keep(t: string, u: SessionUser): void {
    token.value = t;
    user.value = u;
    localStorage.setItem(TOKEN_KEY, t);
    localStorage.setItem(USER_KEY, JSON.stringify(u));
  }

  async function login(username: string, password: string): Promise<void> {
    const body = ok(await api.POST('/api/v1/auth/login', { body: { username, password } }));
    const previous = user.value?.id;
    keep(body.accessToken, body.user as SessionUser);
    await loadGrants();
    if (reloginOpen.value) {
      reloginOpen.value = false;
      const waiting = pending;
      pending = [];
      // Signed in as someone else: the page in front of them belongs to the previous user.
      if (previous && previous !== body.user.id) {
        waiting.forEach((p) => p.reject(new ApiError(401, 'UNAUTHENTICATED', '已切换为其他用户，请重新打开页面。')));
        location.assign('/');
        return;
      }
      waiting.forEach((p) => p.resolve());
    }
  }

  async function loadGrants(): Promise<void> {
    if (!token.value) return;
    const body = ok(await api.GET('/api/v1/auth/permissions'));
    grants.value = body.actions as Grants;
  }

  function logout(): void {
    token.value = null;
    user.value = null;
    grants.value = {};
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    const waiting = pending;
    pending = [];
    reloginOpen.value = false;
    waiting.forEach((p) => p.reject(new ApiError(401, 'UNAUTHENTICATED', '已退出登录。')));
  }

  /** The token expired mid-work: the sign-in dialog opens over the page; calls wait for it. */
  function reauthenticate(): Promise<void> {
    if (!user.value) return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', '请先登录。'));
    reloginOpen.value = true;
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  }

  /**
   * May the user do `action` (on a record owned by `ownerId`, where the rule is per owner)? Only hides
   * what the role cannot do; the API checks again.
   */
  function can(action: string, ownerId?: string | null): boolean {
    const grant = grants.value[action];
    if (!grant) return false;
    if (grant === 'ALL' || ownerId === undefined) return true;
    return ownerId === user.value?.id;
  }

  connectSession({ token: () => token.value, reauthenticate });

  return { token, user, role, grants, signedIn, reloginOpen, login, logout, loadGrants, reauthenticate, can };
});
