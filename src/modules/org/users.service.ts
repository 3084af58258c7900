import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { DataScopeService } from '../../core/auth/data-scope/data-scope.service';
import { hashPassword } from '../../core/auth/passwords';
import { Principal } from '../../core/auth/principal';
import { LoginCandidate, PrincipalDirectory } from '../../core/auth/principal-directory';
import { Role } from '../../core/auth/roles';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import { NotFoundException } from '../../core/errors/domain.exception';
import { decodeCursor, Page, toPage } from '../../core/http/pagination';
import { CreateUserDto, UserQueryDto, UserResponse } from './dto/user.dto';
import { UnknownReferenceException, UsernameTakenException } from './org.exception';
import { UserEntity } from './user.entity';

const USER_COLUMNS = `u.id, u.username, u.password_hash AS "passwordHash", u.display_name AS "displayName",
  u.roles, u.org_unit_id AS "orgUnitId", u.supervisor_id AS "supervisorId", u.active,
  u.created_at AS "createdAt", u.version`;

function toResponse(row: UserEntity): UserResponse {
  const { passwordHash: _secret, ...visible } = row;
  return { ...visible, createdAt: row.createdAt.toISOString() };
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
  ) {}

  async create(dto: CreateUserDto, actor: Principal): Promise<UserResponse> {
    return this.tx.withTransaction(async () => {
      if (!(await this.exists('org_units', dto.orgUnitId)))
        throw new UnknownReferenceException('orgUnitId', 'org unit');
      if (dto.supervisorId && !(await this.exists('users', dto.supervisorId))) {
        throw new UnknownReferenceException('supervisorId', 'user');
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

  async me(principal: Principal): Promise<UserResponse> {
    const row = principal.userId ? await this.findById(principal.userId) : undefined;
    if (!row) throw new NotFoundException('User for this credential');
    return toResponse(row);
  }

  /** Users the caller may see: the same data scope as customers, with the user as the owner. */
  async list(principal: Principal, query: UserQueryDto): Promise<Page<UserResponse>> {
    const params = new SqlParams();
    const where = [this.scope.predicate(principal, 'u.id', params)];
    if (query.orgUnitId) where.push(`u.org_unit_id = ${params.add(query.orgUnitId)}`);
    if (query.cursor) {
      const [username] = decodeCursor(query.cursor, ['text']);
      where.push(`lower(u.username) > lower(${params.add(username)})`);
    }
    const rows = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE ${where.join(' AND ')}
       ORDER BY lower(u.username) LIMIT ${params.add(query.limit + 1)}`,
      params.values,
    );
    return toPage(rows, query.limit, (row) => [row.username], toResponse);
  }

  async get(principal: Principal, id: string): Promise<UserResponse> {
    const params = new SqlParams();
    const [row] = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u
       WHERE u.id = ${params.add(id)} AND ${this.scope.predicate(principal, 'u.id', params)}`,
      params.values,
    );
    if (!row) throw new NotFoundException('User', id);
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

  private async findById(id: string): Promise<UserEntity | undefined> {
    const [row] = await this.tx.query<UserEntity>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`,
      [id],
    );
    return row;
  }

  private async exists(table: 'users' | 'org_units', id: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  }
}
