import type { RepOrTeam } from './dto/metric-query.dto';

/** The team group of an owner without an org unit. */
export const NO_UNIT_NAME = '未分配组织';

/**
 * How the grouped metrics (`groupBy=rep|team`) group by an owner joined as
 * `u` (users): the key and name of its group, and the join the team needs.
 */
export const OWNER_GROUPS: Record<RepOrTeam, { key: string; name: string; join: string }> = {
  rep: { key: 'u.id', name: 'u.display_name', join: '' },
  team: {
    key: 'ou.id',
    name: `coalesce(ou.name, '${NO_UNIT_NAME}')`,
    join: 'LEFT JOIN org_units ou ON ou.id = u.org_unit_id',
  },
};
