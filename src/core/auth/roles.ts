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
