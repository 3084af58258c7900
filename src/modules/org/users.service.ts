import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { hashPassword } from '../../core/auth/passwords';
import { Principal } from '../../core/auth/principal';
import { PrincipalCache } from '../../core/auth/principal-cache';
import { LoginCandidate, PrincipalDirectory } from '../../core/auth/principal-directory';
import { Role } from '../../core/auth/roles';
import { SessionsService } from '../../core/auth/sessions/sessions.service';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException, StaleVersionException } from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import {
  CreateUserDto,
  MeResponse,
  UpdateUserDto,
  UserQueryDto,
  UserResponse,
} from './dto/user.dto';
import {
  LastAdminException,
  orgMessages,
  SupervisorLoopException,
  UnknownReferenceException,
  UsernameTakenException,
} from './org.exception';
import { fieldChanges, hasChanges } from './domain/field-changes';
import { OrgChart } from './org-chart';
import { USER_LIST } from './user-list';
import { UserEntity } from './user.entity';

const USER_COLUMNS = `u.id, u.username, u.password_hash AS "passwordHash", u.display_name AS "displayName",
  u.roles, u.org_unit_id AS "orgUnitId", u.supervisor_id AS "supervisorId", u.active,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.version`;

function toResponse(row: UserEntity): UserResponse {
  const { passwordHash: _secret, ...visible } = row;
  return {
    ...visible,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toPrincipal(row: UserEntity): Principal {
  return {
    kind: 'user',
    id: row.id,
    userId: row.id,
    name: row.username,
    roles: row.roles,
    orgUnitId: row.orgUnitId,
  };
}

/** What PATCH /users/:id may change, with its column. */
const UPDATABLE_COLUMNS = {
  displayName: 'display_name',
  roles: 'roles',
  orgUnitId: 'org_unit_id',
  supervisorId: 'supervisor_id',
  active: 'active',
} as const;

type UserChanges = Partial<Pick<UserEntity, keyof typeof UPDATABLE_COLUMNS>>;

const isActiveAdmin = (user: Pick<UserEntity, 'active' | 'roles'>) =>
  user.active && user.roles.includes('admin');

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  orgUnitId: string | null;
  supervisorId: string | null;
}

@Injectable()
export class UsersService implements PrincipalDirectory {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly scope: DataScopeService,
    private readonly chart: OrgChart,
    private readonly principals: PrincipalCache,
    private readonly sessions: SessionsService,
  ) {}

  async create(dto: CreateUserDto, actor: Principal): Promise<UserResponse> {
    return this.tx.withTransaction(async () => {
      if (!(await this.exists('org_units', dto.orgUnitId)))
        throw new UnknownReferenceException('orgUnitId', orgMessages.orgUnit);
      if (dto.supervisorId && !(await this.exists('users', dto.supervisorId))) {
        throw new UnknownReferenceException('supervisorId', orgMessages.user);
      }
      const user = await this.insert({ ...dto, supervisorId: dto.supervisorId ?? null });
      const { username, displayName, roles, orgUnitId, supervisorId } = user;
      await this.audit.append({
        actor,
        entity: 'user',
        entityId: user.id,
        action: 'created',
        data: { username, displayName, roles, orgUnitId, supervisorId },
      });
      return toResponse(user);
    });
  }

  /**
   * People change jobs and leave. A lost role, a new org unit or a
   * deactivation takes effect at once: this replica's principal cache drops
   * after commit, and the users trigger drops every other replica's. A
   * deactivation also ends the user's sessions.
   */
  async update(
    actor: Principal,
    id: string,
    dto: UpdateUserDto,
    expectedVersion?: number,
  ): Promise<UserResponse> {
    return this.tx.withTransaction(async () => {
      await this.chart.lock();
      const current = await this.findById(id, true);
      if (!current) throw new NotFoundException(orgMessages.user, id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(orgMessages.user, expectedVersion, current.version);
      }
      const changes = fieldChanges<UserChanges>(current, dto);
      if (!hasChanges(changes)) return toResponse(current);
      await this.assertAllowed(current, changes.after);
      const updated = await this.applyChanges(id, changes.after);
      this.principals.dropAfterCommit();
      if (changes.after.active === false) await this.sessions.endAllOf(id, 'deactivated');
      await this.audit.append({
        actor,
        entity: 'user',
        entityId: id,
        action: 'updated',
        data: { ...changes },
      });
      return toResponse(updated);
    });
  }

  /** Inserts a user; a taken username (case-insensitive) is a 409, decided by the unique index. */
  async insert(user: NewUser): Promise<UserEntity> {
    const [row] = await this.tx.query<UserEntity>(
      `INSERT INTO users AS u (username, password_hash, display_name, roles, org_unit_id, supervisor_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [
        user.username,
        await hashPassword(user.password),
        user.displayName,
        user.roles,
        user.orgUnitId,
        user.supervisorId,
      ],
    );
    if (!row) throw new UsernameTakenException(user.username);
    return row;
  }

  /** The caller: its user, or for an API key (which acts for no user) the key itself. */
  async me(principal: Principal): Promise<MeResponse> {
    if (!principal.userId) {
      const { id, name, roles } = principal;
      return { kind: 'api_key', id, name, roles };
    }
    const row = await this.findById(principal.userId);
    // Users are never deleted, and the guard has just found this one active.
    if (!row) throw new NotFoundException(orgMessages.user, principal.userId);
    return { kind: 'user', ...toResponse(row) };
  }

  /** Users the caller may see: the same data scope as customers, with the user as the owner. */
  async list(principal: Principal, query: UserQueryDto): Promise<Page<UserResponse>> {
    const plan = await USER_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'u.id', params)];
    if (query.orgUnitId) where.push(`u.org_unit_id = ANY (${params.add(query.orgUnitId)}::uuid[])`);
    where.push(...plan.where(params));
    const rows = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE ${where.join(' AND ')}
       ORDER BY ${plan.orderBy} LIMIT ${params.add(query.limit + 1)}`,
      params.values,
    );
    return plan.page(rows, toResponse);
  }

  async get(principal: Principal, id: string): Promise<UserResponse> {
    const params = new SqlParams();
    const [row] = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u
       WHERE u.id = ${params.add(id)} AND ${this.scope.predicate(principal, 'u.id', params)}`,
      params.values,
    );
    if (!row) throw new NotFoundException(orgMessages.user, id);
    return toResponse(row);
  }

  async countUsers(): Promise<number> {
    const [{ count }] = await this.tx.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM users',
    );
    return count;
  }

  async findActiveUser(userId: string): Promise<Principal | null> {
    const row = await this.findById(userId);
    return row?.active ? toPrincipal(row) : null;
  }

  async findLoginCandidate(username: string): Promise<LoginCandidate | null> {
    const [row] = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.username) = lower($1) AND u.active`,
      [username],
    );
    return row
      ? {
          principal: toPrincipal(row),
          displayName: row.displayName,
          passwordHash: row.passwordHash,
        }
      : null;
  }

  /** Optionally locked for update. */
  async findById(id: string, lock = false): Promise<UserEntity | undefined> {
    const [row] = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** References exist, the supervisor chain stays loop-free, and an active admin remains. */
  private async assertAllowed(current: UserEntity, after: UserChanges): Promise<void> {
    if (after.orgUnitId && !(await this.exists('org_units', after.orgUnitId))) {
      throw new UnknownReferenceException('orgUnitId', orgMessages.orgUnit);
    }
    if (after.supervisorId) {
      if (!(await this.exists('users', after.supervisorId))) {
        throw new UnknownReferenceException('supervisorId', orgMessages.user);
      }
      if (await this.chart.wouldLoop('supervisors', current.id, after.supervisorId)) {
        throw new SupervisorLoopException();
      }
    }
    if (isActiveAdmin(current) && !isActiveAdmin({ ...current, ...after })) {
      const [other] = await this.tx.query(
        `SELECT 1 FROM users WHERE id <> $1 AND active AND 'admin' = ANY (roles) LIMIT 1`,
        [current.id],
      );
      if (!other) throw new LastAdminException();
    }
  }

  private async applyChanges(id: string, changes: UserChanges): Promise<UserEntity> {
    const params = new SqlParams();
    const sets = (Object.entries(changes) as [keyof UserChanges, unknown][]).map(
      ([field, value]) => `${UPDATABLE_COLUMNS[field]} = ${params.add(value)}`,
    );
    const [row] = await this.tx.query<UserEntity>(
      `UPDATE users u SET ${[...sets, 'version = version + 1'].join(', ')}
       WHERE u.id = ${params.add(id)} RETURNING ${USER_COLUMNS}`,
      params.values,
    );
    return row;
  }

  private async exists(table: 'users' | 'org_units', id: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  }
}
