/** The words and colours of problems (问题清单), beside the labels the API's reference data gives. */
export const STATUS_TAG: Record<string, 'info' | 'success' | 'warning' | 'danger' | 'primary'> = {
  OPEN: 'warning',
  IN_PROGRESS: 'primary',
  RESOLVED: 'success',
  UNRESOLVABLE: 'info',
};

/** Where a problem may go from each status (the server refuses the rest with 409). */
export const NEXT_STATUSES: Record<string, string[]> = {
  OPEN: ['IN_PROGRESS', 'RESOLVED', 'UNRESOLVABLE'],
  IN_PROGRESS: ['RESOLVED', 'UNRESOLVABLE'],
  RESOLVED: [],
  UNRESOLVABLE: [],
};

export const CLOSED = ['RESOLVED', 'UNRESOLVABLE'];
