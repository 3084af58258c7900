import { EXAMPLE_TIME } from '../../../core/openapi/api-formats';
import { EXAMPLE_IDS } from '../../../core/openapi/example-ids';
import { CreateCustomFieldDto, CustomFieldPage, CustomFieldResponse } from './custom-field.dto';

/** The bakery chain's field: how a store visit's tasting went. */
export const CREATE_CUSTOM_FIELD_EXAMPLE: CreateCustomFieldDto = {
  entity: 'follow_up',
  key: 'tasting_feedback',
  label: '试吃反馈',
  type: 'select',
  options: ['满意', '一般', '需改进'],
  required: false,
};

export const CUSTOM_FIELD_EXAMPLE: CustomFieldResponse = {
  id: EXAMPLE_IDS.customField,
  entity: 'follow_up',
  key: 'tasting_feedback',
  label: '试吃反馈',
  type: 'select',
  options: ['满意', '一般', '需改进'],
  required: false,
  createdBy: EXAMPLE_IDS.admin,
  createdAt: EXAMPLE_TIME,
};

export const CUSTOM_FIELD_PAGE_EXAMPLE: CustomFieldPage = {
  items: [CUSTOM_FIELD_EXAMPLE],
  nextCursor: null,
};
