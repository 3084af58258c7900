import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../../core/http/pagination';
import { fieldChanges, hasChanges } from './domain/field-changes';
import { CreateOrgUnitDto, OrgUnitResponse, UpdateOrgUnitDto } from './dto/org-unit.dto';
import { OrgChart } from './org-chart';
import { OrgUnitEntity } from './org-unit.entity';
import { OrgUnitLoopException, orgMessages, UnknownReferenceException } from './org.exception';

type OrgUnitChanges = Partial<Pick<OrgUnitEntity, 'name' | 'parentId' | 'managerId'>>;

function toResponse(row: OrgUnitEntity): OrgUnitResponse {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly chart: OrgChart,
  ) {}

  private get repo() {
    return this.tx.manager.getRepository(OrgUnitEntity);
  }

  async create(dto: CreateOrgUnitDto, actor: Principal): Promise<OrgUnitResponse> {
    return this.tx.withTransaction(async () => {
      await this.assertReferences(dto);
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

  /**
   * Renames, moves or re-manages a unit. Moving it moves its subtree with it,
   * and with that the data scope of the directors above: scope is computed
   * in SQL on every query, so nothing is cached to drop.
   */
  async update(
    actor: Principal,
    id: string,
    dto: UpdateOrgUnitDto,
    expectedVersion?: number,
  ): Promise<OrgUnitResponse> {
    return this.tx.withTransaction(async () => {
      await this.chart.lock();
      const current = await this.repo.findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundException(orgMessages.orgUnit, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(orgMessages.orgUnit, expectedVersion, current.version);
      }
      const changes = fieldChanges<OrgUnitChanges>(current, dto);
      if (!hasChanges(changes)) return toResponse(current);
      await this.assertReferences(changes.after);
      if (
        changes.after.parentId &&
        (await this.chart.wouldLoop('orgUnits', id, changes.after.parentId))
      ) {
        throw new OrgUnitLoopException();
      }
      await this.repo.update(id, changes.after);
      await this.audit.append({
        actor,
        entity: 'org_unit',
        entityId: id,
        action: 'updated',
        data: { ...changes },
      });
      return toResponse(await this.repo.findOneByOrFail({ id }));
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
      throw new UnknownReferenceException(field, orgMessages.store);
    }
  }

  /** The parent and manager named, if any, exist. */
  private async assertReferences(refs: OrgUnitChanges): Promise<void> {
    if (refs.parentId && !(await this.repo.existsBy({ id: refs.parentId }))) {
      throw new UnknownReferenceException('parentId', orgMessages.orgUnit);
    }
    if (refs.managerId && !(await this.userExists(refs.managerId))) {
      throw new UnknownReferenceException('managerId', orgMessages.user);
    }
  }

  private async userExists(id: string): Promise<boolean> {
    return (await this.tx.query('SELECT 1 FROM users WHERE id = $1', [id])).length > 0;
  }
}
