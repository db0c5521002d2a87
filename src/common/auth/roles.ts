/** The roles a user holds: 系统管理员, 招商专员, 楼宇管理员, 区领导. */
export const ROLES = ['ADMIN', 'OFFICER', 'BUILDING_MANAGER', 'LEADER'] as const;
export type Role = (typeof ROLES)[number];
