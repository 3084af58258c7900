/**
 * Who keeps the price library: prices and costs are the business's, not a
 * sales team's. The integrator syncs the library from the ERP, its master.
 */
export const PRODUCT_KEEPERS = ['admin', 'sales_director', 'finance_bp', 'integrator'] as const;
