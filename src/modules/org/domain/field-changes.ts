export interface FieldChanges<T> {
  /** The changed fields as they were. */
  before: Partial<T>;
  /** The changed fields as they become. */
  after: Partial<T>;
}

/** Arrays here are sets (roles): the same members in another order are no change. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item) => b.includes(item));
  }
  return a === b;
}

/**
 * The fields of a PATCH that change `current`, before and after, for the
 * update and its audit event. Absent fields change nothing; null is a value.
 */
export function fieldChanges<T extends object>(current: T, requested: Partial<T>): FieldChanges<T> {
  const changes: FieldChanges<T> = { before: {}, after: {} };
  for (const key of Object.keys(requested) as (keyof T)[]) {
    const value = requested[key];
    if (value === undefined || same(current[key], value)) continue;
    changes.before[key] = current[key];
    changes.after[key] = value;
  }
  return changes;
}

export const hasChanges = <T>(changes: FieldChanges<T>) => Object.keys(changes.after).length > 0;
