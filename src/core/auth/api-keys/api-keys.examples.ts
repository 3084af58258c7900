import { EXAMPLE_IDS } from '../../openapi/example-ids';
import { ApiKeyPage, ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-keys.dto';

export const CREATE_API_KEY_EXAMPLE: CreateApiKeyDto = {
  name: '金蝶K3同步',
  roles: ['integrator'],
};

const API_KEY_EXAMPLE: ApiKeyResponse = {
  id: EXAMPLE_IDS.apiKey,
  name: '金蝶K3同步',
  roles: ['integrator'],
  keyPrefix: 'smk_Q3vX9a',
  createdAt: '2026-11-30T02:00:00.000Z',
  revokedAt: null,
};

export const CREATED_API_KEY_EXAMPLE: CreatedApiKeyResponse = {
  ...API_KEY_EXAMPLE,
  key: 'smk_Q3vX9aT7pLm2Kc8RbN4wYe1ZdF6gH0sJ5uV3xA9qWo2',
};

export const API_KEY_PAGE_EXAMPLE: ApiKeyPage = { items: [API_KEY_EXAMPLE], nextCursor: null };
