import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { ApiKeysService } from './api-keys/api-keys.service';
import { Principal } from './principal';

export const API_KEY_HEADER = 'x-api-key';

/** Integrators authenticate with the `X-API-Key` header. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const header = request.headers[API_KEY_HEADER];
    if (typeof header !== 'string' || !header) return false;
    return (await this.apiKeys.authenticate(header)) ?? false;
  }
}
