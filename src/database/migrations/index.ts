import { Init1764000000000 } from './1764000000000-init.js';
import { AuthAudit1764100000000 } from './1764100000000-auth-audit.js';
import { Buildings1764200000000 } from './1764200000000-buildings.js';
import { Progress1764300000000 } from './1764300000000-progress.js';
import { Reminders1764400000000 } from './1764400000000-reminders.js';
import { Imports1764500000000 } from './1764500000000-imports.js';
import { ChangeCounter1764600000000 } from './1764600000000-change-counter.js';
import { FundingsCovering1764650000000 } from './1764650000000-fundings-covering.js';
import { TokenVersion1764710000000 } from './1764710000000-token-version.js';
import { UnitHistoryProject1764711000000 } from './1764711000000-unit-history-project.js';
import { NameKeysInvisible1764712000000 } from './1764712000000-name-keys-invisible.js';
import { DeliveryErrorsScrubbed1764713000000 } from './1764713000000-delivery-errors-scrubbed.js';
import { FundingReversals1764720000000 } from './1764720000000-funding-reversals.js';
import { CompanyQualifications1764721000000 } from './1764721000000-company-qualifications.js';
import { PlanOptions1764722000000 } from './1764722000000-plan-options.js';
import { StageCorrections1764723000000 } from './1764723000000-stage-corrections.js';
import { LostProjectPlacements1764724000000 } from './1764724000000-lost-project-placements.js';
import { ProjectListSorts1764730000000 } from './1764730000000-project-list-sorts.js';
import { LeadActivities1764731000000 } from './1764731000000-lead-activities.js';
import { NotificationsUnread1764732000000 } from './1764732000000-notifications-unread.js';
import { AdminWorkbenchLists1764810000000 } from './1764810000000-admin-workbench-lists.js';
import { Supervision1764820000000 } from './1764820000000-supervision.js';
import { LeadPool1764830000000 } from './1764830000000-lead-pool.js';
import { NotificationDigests1764831000000 } from './1764831000000-notification-digests.js';

/** Every migration, in order. Listed explicitly so the built service and the tests load the same set. */
export const MIGRATIONS = [Init1764000000000, AuthAudit1764100000000, Buildings1764200000000, Progress1764300000000, Reminders1764400000000, Imports1764500000000, ChangeCounter1764600000000, FundingsCovering1764650000000, TokenVersion1764710000000, UnitHistoryProject1764711000000, NameKeysInvisible1764712000000, DeliveryErrorsScrubbed1764713000000, FundingReversals1764720000000, CompanyQualifications1764721000000, PlanOptions1764722000000, StageCorrections1764723000000, LostProjectPlacements1764724000000, ProjectListSorts1764730000000, LeadActivities1764731000000, NotificationsUnread1764732000000, AdminWorkbenchLists1764810000000, Supervision1764820000000, LeadPool1764830000000, NotificationDigests1764831000000];
