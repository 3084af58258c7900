import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { decodeCursor, Page, PageQueryDto, toPage } from '../../core/http/pagination';
import { CreateOrgUnitDto, OrgUnitResponse } from './dto/org-unit.dto';
import { OrgUnitEntity } from './org-unit.entity';
import { UnknownReferenceException } from './org.exception';

function toResponse(row: OrgUnitEntity): OrgUnitResponse {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.tx.manager.getRepository(OrgUnitEntity);
  }

  async create(dto: CreateOrgUnitDto, actor: Principal): Promise<OrgUnitResponse> {
    return this.tx.withTransaction(async () => {
      if (dto.parentId && !(await this.repo.existsBy({ id: dto.parentId }))) {
        throw new UnknownReferenceException('parentId', 'org unit');
      }
      if (dto.managerId && !(await this.userExists(dto.managerId))) {
        throw new UnknownReferenceException('managerId', 'user');
      }
      const row = await this.repo.save(
        this.repo.create({
          name: dto.name,
          type: dto.type,
          parentId: dto.parentId ?? null,
          managerId: dto.managerId ?? null,
        }),
      );
      await this.audit.append({
        actor,
        entity: 'org_unit',
        entityId: row.id,
        action: 'created',
        data: { ...dto },
      });
      return toResponse(row);
    });
  }

  async list(query: PageQueryDto): Promise<Page<OrgUnitResponse>> {
    const builder = this.repo.createQueryBuilder('o').orderBy('o.created_at').addOrderBy('o.id');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      builder.where('(o.created_at, o.id) > (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], toResponse);
  }

  /** For other modules: `id`, given in `field`, must be a store, or the request is a 400. */
  async assertStore(id: string, field: string): Promise<void> {
    if (!(await this.repo.existsBy({ id, type: 'store' }))) {
      throw new UnknownReferenceException(field, 'store');
    }
  }

  private async userExists(id: string): Promise<boolean> {
    return (await this.tx.query('SELECT 1 FROM users WHERE id = $1', [id])).length > 0;
  }
}
