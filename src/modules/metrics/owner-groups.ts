import type { RepOrTeam } from './dto/metric-query.dto';

/** The team group of an owner without an org unit. */
export const NO_UNIT_NAME = '未分配组织';

/**
 * How the grouped metrics (`groupBy=rep|team`) group rows by owner: first by
 * a key (the user id, or its org unit's id), then, once aggregated, the
 * key's name. Naming after the aggregation keeps the sorted rows narrow.
 */
export interface OwnerGroup {
  /** The group key of the owner-id SQL `ownerColumn`, with the join it needs (alias `gu`). */
  keyOf(ownerColumn: string): { key: string; join: string };
  /** The name of the group key `keyColumn`, with the join it needs (alias `gu` or `gou`). */
  nameOf(keyColumn: string): { name: string; join: string };
}

export const OWNER_GROUPS: Record<RepOrTeam, OwnerGroup> = {
  rep: {
    keyOf: (ownerColumn) => ({ key: ownerColumn, join: '' }),
    nameOf: (keyColumn) => ({
      name: 'gu.display_name',
      join: `LEFT JOIN users gu ON gu.id = ${keyColumn}`,
    }),
  },
  team: {
    keyOf: (ownerColumn) => ({
      key: 'gu.org_unit_id',
      join: `LEFT JOIN users gu ON gu.id = ${ownerColumn}`,
    }),
    nameOf: (keyColumn) => ({
      name: `coalesce(gou.name, '${NO_UNIT_NAME}')`,
      join: `LEFT JOIN org_units gou ON gou.id = ${keyColumn}`,
    }),
  },
};
