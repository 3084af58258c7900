import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { apiKeyHash, ApiKeysService } from './api-keys/api-keys.service';
import { Principal } from './principal';
import { PrincipalCache } from './principal-cache';

export const API_KEY_HEADER = 'x-api-key';

/** Integrators authenticate with the `X-API-Key` header; a revocation drops the cache at once. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly cache: PrincipalCache,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const header = request.headers[API_KEY_HEADER];
    if (typeof header !== 'string' || !header) return false;
    const principal = await this.cache.get(`api_key:${apiKeyHash(header)}`, () =>
      this.apiKeys.authenticate(header),
    );
    return principal ?? false;
  }
}
