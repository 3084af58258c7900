import { EXAMPLE_IDS } from '../../../../core/openapi/example-ids';
import { metricMessages } from '../../metrics.exception';
import { ActionComplianceResponse } from './compliance.dto';

/** November, by rep: 王磊 kept 17 of 20 promises, 李娜 9 of 12. */
export const COMPLIANCE_EXAMPLE: ActionComplianceResponse = {
  due: 32,
  fulfilled: 26,
  ratePct: 81.25,
  groups: [
    { key: EXAMPLE_IDS.rep, name: '王磊', due: 20, fulfilled: 17, ratePct: 85 },
    { key: EXAMPLE_IDS.supervisor, name: '李娜', due: 12, fulfilled: 9, ratePct: 75 },
  ],
  definition: metricMessages.complianceDefinition.en,
};
