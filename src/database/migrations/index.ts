import { Init1764000000000 } from './1764000000000-init.js';
import { AuthAudit1764100000000 } from './1764100000000-auth-audit.js';

/** Every migration, in order. Listed explicitly so the built service and the tests load the same set. */
export const MIGRATIONS = [Init1764000000000, AuthAudit1764100000000];
