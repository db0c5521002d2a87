import type { components, paths } from './schema';

/**
 * The API's shapes, by the names the service's OpenAPI document gives them (generated into schema.d.ts
 * at build time). Pages use these, never hand-written copies: a renamed field breaks the build.
 */
type S = components['schemas'];

export type Project = S['ProjectResponse'];
export type Company = S['CompanyResponse'];
export type Lead = S['LeadResponse'];
export type Funding = S['FundingResponse'];
export type Activity = S['ActivityResponse'];
export type TimelineEntry = S['TimelineActivityEntry'] | S['TimelineTransitionEntry'] | S['TimelineFundingEntry'] | S['TimelineProblemEntry'];
export type Reminder = S['ReminderResponse'];
export type Notification = S['NotificationResponse'];
export type Placement = S['PlacementResponse'];
export type Match = S['MatchResponse'];
export type ImportError = S['ImportError'];
export type ImportReport = S['ImportResult'];
export type ImportJob = S['ImportJobResponse'];
export type Plan = S['PlanResponse'];
export type Progress = S['ProgressResponse'];
export type IndicatorProgress = S['IndicatorProgress'];
export type Breakdown = S['BreakdownResponse'];
export type Funnel = S['Funnel'];
export type ProgressRecord = S['ProjectRecord'] | S['FundingRecord'] | S['PlacementRecord'] | S['CompanyRecord'] | S['IndicatorValueRecord'];
export type Industry = S['IndustryView'];
export type Zone = S['ZoneView'];
export type Building = S['BuildingResponse'];
export type Unit = S['UnitResponse'];
export type User = S['UserResponse'];
export type ErrorBody = S['ErrorResponse'];
export type Department = S['DepartmentResponse'];
export type Problem = S['ProblemResponse'];
export type ProblemEvent = S['ProblemEventResponse'];
export type ProblemStats = S['ProblemStats'];

/** The query parameters a GET route takes. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type IndicatorCode = QueryOf<'/api/v1/progress/breakdown'>['indicator'];
export type BreakdownBy = QueryOf<'/api/v1/progress/breakdown'>['by'];

// Building managers' and administrators' pages (issue 16).
export type StackingPlan = S['StackingPlan'];
export type StackingPlanUnit = S['StackingPlanUnit'];
export type LeaseExpiring = S['LeaseExpiringItem'];
export type VacancySnapshot = S['VacancySnapshotResponse'];
export type UnitHistory = S['UnitHistoryResponse'];
export type UnitStatus = Unit['status'];
export type Channel = S['ChannelResponse'];
export type ChannelTest = S['ChannelTestResult'];
export type ChannelDelivery = S['ChannelDeliveryResponse'];
export type DuplicateGroup = S['DuplicateGroup'];
export type Merge = S['MergeResponse'];
export type AuditEntry = S['AuditResponse'];
export type PlanInput = S['CreatePlanDto'];
export type PlanUpdate = S['UpdatePlanDto'];
