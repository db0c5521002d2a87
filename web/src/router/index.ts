import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession, type Role } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title (and menu label). */
    title?: string;
    /** The action the role must hold to open the page (from the server's permission table). */
    permission?: string;
    /** Shown in the side menu, in this group. */
    menu?: 'work' | 'buildings' | 'admin';
    /** Menu icon name (Element Plus icons). */
    icon?: string;
    /** Reachable without signing in. */
    public?: boolean;
    /** Only these roles see the menu entry (the permission still decides who may open it). */
    roles?: Role[];
  }
}

/** Where each role starts after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  OFFICER: '/workbench',
  ADMIN: '/workbench',
  LEADER: '/dashboard',
  BUILDING_MANAGER: '/buildings',
  DEPARTMENT: '/my-problems',
};

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: () => HOME_BY_ROLE[useSession().role ?? 'OFFICER'] },
      {
        path: 'workbench',
        name: 'workbench',
        component: () => import('@/views/home/WorkbenchHome.vue'),
        meta: { title: '工作台', permission: 'project.create', menu: 'work', icon: 'HomeFilled' },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/views/dashboard/DashboardView.vue'),
        meta: { title: '领导驾驶舱', permission: 'progress.read', menu: 'work', icon: 'DataAnalysis' },
      },
      {
        path: 'leads',
        name: 'leads',
        component: () => import('@/views/leads/LeadList.vue'),
        meta: { title: '线索', permission: 'lead.read', menu: 'work', icon: 'Promotion' },
      },
      {
        path: 'leads/pool',
        name: 'lead-pool',
        component: () => import('@/views/leads/LeadPool.vue'),
        meta: { title: '公海', permission: 'lead.read', menu: 'work', icon: 'Collection' },
      },
      { path: 'leads/:id', name: 'lead', component: () => import('@/views/leads/LeadDetail.vue'), meta: { title: '线索详情', permission: 'lead.read' } },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/views/projects/ProjectList.vue'),
        meta: { title: '项目库', permission: 'project.read', menu: 'work', icon: 'Files' },
      },
      { path: 'projects/:id', name: 'project', component: () => import('@/views/projects/ProjectDetail.vue'), meta: { title: '项目详情', permission: 'project.read' } },
      {
        path: 'companies',
        name: 'companies',
        component: () => import('@/views/companies/CompanyList.vue'),
        meta: { title: '企业', permission: 'company.read', menu: 'work', icon: 'OfficeBuilding' },
      },
      { path: 'companies/:id', name: 'company', component: () => import('@/views/companies/CompanyDetail.vue'), meta: { title: '企业详情', permission: 'company.read' } },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/views/imports/ImportView.vue'),
        meta: { title: '批量导入', permission: 'company.create', menu: 'work', icon: 'Upload' },
      },
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('@/views/supervision/SupervisionOverview.vue'),
        meta: { title: '督办总览', permission: 'problem.read', menu: 'work', icon: 'Flag', roles: ['ADMIN', 'OFFICER', 'LEADER'] },
      },
      {
        path: 'my-problems',
        name: 'my-problems',
        component: () => import('@/views/supervision/MyProblems.vue'),
        meta: { title: '我的问题', permission: 'problem.update', menu: 'work', icon: 'Tickets', roles: ['DEPARTMENT'] },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/NotificationInbox.vue'),
        meta: { title: '消息通知', permission: 'notification.read', menu: 'work', icon: 'Bell' },
      },
      {
        path: 'buildings',
        name: 'buildings',
        component: () => import('@/views/buildings/BuildingList.vue'),
        meta: { title: '楼宇', permission: 'building.read', menu: 'buildings', icon: 'School' },
      },
      { path: 'buildings/:id', name: 'building', component: () => import('@/views/buildings/BuildingDetail.vue'), meta: { title: '楼宇详情', permission: 'building.read' } },
      // ── Building managers and administrators (issue 16) ──
      { path: 'leases', name: 'leases', component: () => import('@/views/buildings/LeaseExpiryPage.vue'), meta: { title: '到期租约', permission: 'building.read', menu: 'buildings', icon: 'Calendar' } },
      { path: 'admin/users', name: 'admin-users', component: () => import('@/views/admin/UserAdmin.vue'), meta: { title: '用户管理', permission: 'user.manage', menu: 'admin', icon: 'User' } },
      { path: 'admin/channels', name: 'admin-channels', component: () => import('@/views/admin/ChannelAdmin.vue'), meta: { title: '通知渠道', permission: 'channel.manage', menu: 'admin', icon: 'ChatDotRound' } },
      { path: 'admin/plans', name: 'admin-plans', component: () => import('@/views/admin/PlanAdmin.vue'), meta: { title: '规划目标', permission: 'plan.manage', menu: 'admin', icon: 'Aim' } },
      { path: 'admin/reference', name: 'admin-reference', component: () => import('@/views/admin/ReferenceAdmin.vue'), meta: { title: '基础数据', permission: 'user.manage', menu: 'admin', icon: 'Collection' } },
      { path: 'admin/duplicates', name: 'admin-duplicates', component: () => import('@/views/admin/DuplicateCompanies.vue'), meta: { title: '重复企业', permission: 'company.merge', menu: 'admin', icon: 'CopyDocument' } },
      { path: 'admin/audit', name: 'admin-audit', component: () => import('@/views/admin/AuditTrail.vue'), meta: { title: '操作日志', permission: 'audit.read', menu: 'admin', icon: 'Document' } },
      { path: 'admin/queue-board', name: 'admin-queues', component: () => import('@/views/admin/QueueBoardLink.vue'), meta: { title: '任务队列', permission: 'queue.admin', menu: 'admin', icon: 'Monitor' } },
      // ── end issue 16 ──
      { path: 'forbidden', name: 'forbidden', component: () => import('@/views/errors/ForbiddenView.vue'), meta: { title: '无权访问' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/errors/NotFoundView.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  const session = useSession();
  if (to.meta.public) return true;
  if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } };
  if (!Object.keys(session.grants).length) {
    try {
      await session.loadGrants();
    } catch {
      return { name: 'login', query: { redirect: to.fullPath } };
    }
  }
  if (to.meta.permission && !session.can(to.meta.permission)) return { name: 'forbidden', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 和平区招商引资工作台` : '和平区招商引资工作台';
});
