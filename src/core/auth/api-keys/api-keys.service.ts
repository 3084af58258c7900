import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import { TransactionHost } from '../../database/transaction-host';
import { NotFoundException } from '../../errors/domain.exception';
import { authMessages } from '../auth.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../../http/pagination';
import { Principal } from '../principal';
import { PrincipalCache } from '../principal-cache';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './api-keys.dto';

const KEY_PREFIX = 'smk_';

/** API keys are stored, looked up and cached by this hash only. */
export const apiKeyHash = (key: string) => createHash('sha256').update(key).digest('hex');

function toResponse(row: ApiKeyEntity): ApiKeyResponse {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  private get repo() {
    return this.tx.manager.getRepository(ApiKeyEntity);
  }

  async create(dto: CreateApiKeyDto, actor: Principal): Promise<CreatedApiKeyResponse> {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    return this.tx.withTransaction(async () => {
      const row = await this.repo.save(
        this.repo.create({
          name: dto.name,
          roles: dto.roles,
          keyHash: apiKeyHash(key),
          keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
          createdBy: actor.userId,
        }),
      );
      await this.audit.append({
        actor,
        entity: 'api_key',
        entityId: row.id,
        action: 'created',
        data: { name: row.name, roles: row.roles },
      });
      return { ...toResponse(row), key };
    });
  }

  async list(query: PageQueryDto): Promise<Page<ApiKeyResponse>> {
    const builder = this.repo
      .createQueryBuilder('k')
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'DESC');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      builder.where('(k.created_at, k.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], toResponse);
  }

  /** Revocation is immediate, on every replica (see PrincipalCache). Revoking twice is a no-op. */
  async revoke(id: string, actor: Principal): Promise<void> {
    await this.tx.withTransaction(async () => {
      this.principals.dropAfterCommit();
      const revoked = await this.tx.query(
        `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id`,
        [id],
      );
      if (!revoked.length) throw new NotFoundException(authMessages.apiKey, id);
      await this.audit.append({ actor, entity: 'api_key', entityId: id, action: 'revoked' });
    });
  }

  async authenticate(key: string): Promise<Principal | null> {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const row = await this.repo
      .createQueryBuilder('k')
      .where('k.key_hash = :hash AND k.revoked_at IS NULL', { hash: apiKeyHash(key) })
      .getOne();
    return row
      ? {
          kind: 'api_key',
          id: row.id,
          userId: null,
          name: row.name,
          roles: row.roles,
          orgUnitId: null,
        }
      : null;
  }
}
