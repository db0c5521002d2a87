import { Init1764000000000 } from './1764000000000-init.js';

/** Every migration, in order. Listed explicitly so the built service and the tests load the same set. */
export const MIGRATIONS = [Init1764000000000];
