/** The roles a user holds: 系统管理员, 招商专员, 楼宇管理员, 区领导, and 责任单位 (DEPARTMENT: a department's contact, who sees and works on its problems). */
export const ROLES = ['ADMIN', 'OFFICER', 'BUILDING_MANAGER', 'LEADER', 'DEPARTMENT'] as const;
export type Role = (typeof ROLES)[number];
