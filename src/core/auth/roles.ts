export const ROLES = [
  'admin',
  'sales_director',
  'regional_director',
  'ops_director',
  'finance_bp',
  'supervisor',
  'store_manager',
  'rep',
  'integrator',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Every role a person holds: all but `integrator`, whose API keys act for no person. The readers
 * of the metrics and insights that rank or measure people, each within its data scope.
 */
export const PERSON_ROLES = ROLES.filter((role) => role !== 'integrator');
