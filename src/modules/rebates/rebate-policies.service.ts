import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { withTransactionLock } from '../../core/database/advisory-lock';
import { SqlParams } from '../../core/database/sql-params';
import { TransactionHost } from '../../core/database/transaction-host';
import {
  FieldError,
  InvalidInputException,
  NotFoundException,
  StaleVersionException,
} from '../../core/errors/domain.exception';
import { Page } from '../../core/http/pagination';
import { Exact, presentMoney, presentPct } from '../quotes/domain/quote-math';
import { SEGMENTS } from '../customers/customer.entity';
import { explainPolicy } from './domain/policy-formula';
import { policyProblems } from './domain/policy-problems';
import { CompiledPolicy, compilePolicy, rebateOf } from './domain/tier-math';
import { SimulatedRebate, SimulationResponse } from './dto/rebate-calculation.dto';
import {
  CreateRebatePolicyDto,
  RebatePolicyQueryDto,
  RebatePolicyResponse,
  RebatePolicyVersionResponse,
  UpdateRebatePolicyDto,
} from './dto/rebate-policy.dto';
import {
  fieldsOf,
  normaliseFields,
  toPolicyResponse,
  toVersionResponse,
} from './rebate-policies.presenter';
import { PolicyInUseException, PolicyOverlapException, rebateMessages } from './rebates.exception';
import {
  PolicyFields,
  PolicyLock,
  PolicyRow,
  REBATE_POLICY_LIST,
  RebatesRepository,
} from './rebates.repository';

/** Held around every policy write: the overlap check and the write, one replica at a time. */
const POLICY_WRITE_LOCK = 'rebate_policies:write';

const HUNDRED = new Exact(100);

/** The fields a client set; absent ones (undefined) are left out, so they do not override. */
function givenFields(dto: UpdateRebatePolicyDto): Partial<PolicyFields> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
}

function validityProblems({ validFrom, validTo }: PolicyFields): FieldError[] {
  return validFrom !== null && validTo !== null && validTo < validFrom
    ? [{ field: 'validTo', message: rebateMessages.validToBeforeFrom }]
    : [];
}

/** The fields, normalised, or 400 VALIDATION_FAILED naming every problem. */
function checkedFields(fields: PolicyFields): PolicyFields {
  const problems = [...policyProblems(fields), ...validityProblems(fields)];
  if (problems.length) throw new InvalidInputException(problems);
  return normaliseFields(fields);
}

function simulated(policy: CompiledPolicy, text: string): SimulatedRebate {
  const amount = new Exact(text);
  const rebate = rebateOf(policy, amount);
  const effectiveRatePct = amount.isZero() ? 0 : presentPct(rebate.div(amount).times(HUNDRED));
  return { amount: presentMoney(amount), rebate: presentMoney(rebate), effectiveRatePct };
}

@Injectable()
export class RebatePoliciesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly policies: RebatesRepository,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, dto: CreateRebatePolicyDto): Promise<RebatePolicyResponse> {
    const fields = checkedFields({
      name: dto.name,
      basis: dto.basis,
      method: dto.method,
      tiers: dto.tiers,
      capAmount: dto.capAmount ?? null,
      segments: dto.segments ?? [...SEGMENTS],
      validFrom: dto.validFrom ?? null,
      validTo: dto.validTo ?? null,
    });
    return withTransactionLock(this.tx, POLICY_WRITE_LOCK, async () => {
      await this.assertNoOverlap(fields, null);
      const row = await this.policies.insertPolicy(fields, principal.userId);
      await this.recordVersion(principal, row, 'created');
      return toPolicyResponse(row);
    });
  }

  /** Applies the fields given; an unchanged policy keeps its version. */
  async update(
    principal: Principal,
    id: string,
    dto: UpdateRebatePolicyDto,
    expectedVersion: number | undefined,
  ): Promise<RebatePolicyResponse> {
    return withTransactionLock(this.tx, POLICY_WRITE_LOCK, async () => {
      const current = await this.find(id, 'update');
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new StaleVersionException(rebateMessages.policy, expectedVersion, current.version);
      }
      const fields = checkedFields({ ...fieldsOf(current), ...givenFields(dto) });
      if (JSON.stringify(fields) === JSON.stringify(fieldsOf(current))) {
        return toPolicyResponse(current);
      }
      await this.assertNoOverlap(fields, id);
      const row = await this.policies.updatePolicy(id, fields);
      await this.recordVersion(principal, row, 'updated');
      return toPolicyResponse(row);
    });
  }

  /**
   * Deletes a policy no calculation applied, with its versions; 409
   * POLICY_IN_USE otherwise. A calculation holds its policy's row (key
   * share) until it commits, so the delete waits for it and then counts it.
   */
  async remove(principal: Principal, id: string): Promise<void> {
    await withTransactionLock(this.tx, POLICY_WRITE_LOCK, async () => {
      const policy = await this.find(id, 'update');
      const calculations = await this.policies.countCalculations(id);
      if (calculations > 0) throw new PolicyInUseException(calculations);
      await this.policies.deletePolicy(id);
      await this.audit.append({
        actor: principal,
        entity: 'rebate_policy',
        entityId: id,
        action: 'deleted',
        data: { name: policy.name, version: policy.version },
      });
    });
  }

  async list(query: RebatePolicyQueryDto): Promise<Page<RebatePolicyResponse>> {
    const plan = await REBATE_POLICY_LIST.plan(query, this.tx);
    const params = new SqlParams();
    const where = ['TRUE'];
    if (query.method) where.push(`p.method = ANY (${params.add(query.method)}::text[])`);
    if (query.segment) where.push(`p.segments && ${params.add(query.segment)}::text[]`);
    where.push(...plan.where(params));
    const rows = await this.policies.list(params, where, query.limit, plan.orderBy);
    return plan.page(rows, toPolicyResponse);
  }

  async get(id: string): Promise<RebatePolicyResponse> {
    return toPolicyResponse(await this.find(id));
  }

  async version(id: string, version: number): Promise<RebatePolicyVersionResponse> {
    const row = await this.policies.findVersion(id, version);
    if (!row) throw new NotFoundException(rebateMessages.policyVersion(version), id);
    return toVersionResponse(row);
  }

  /** Each amount's rebate as annual purchases, the policy compiled once. */
  async simulate(id: string, amounts: string[]): Promise<SimulationResponse> {
    const row = await this.find(id);
    const policy = compilePolicy(row);
    return {
      policyId: row.id,
      policyName: row.name,
      policyVersion: row.version,
      formula: explainPolicy(policy),
      items: amounts.map((amount) => simulated(policy, amount)),
    };
  }

  /** A policy by id; 404 when there is none. Every caller may read every policy. */
  async find(id: string, lock?: PolicyLock): Promise<PolicyRow> {
    const row = await this.policies.findPolicy(id, lock);
    if (!row) throw new NotFoundException(rebateMessages.policy, id);
    return row;
  }

  private async assertNoOverlap(fields: PolicyFields, exceptId: string | null): Promise<void> {
    const other = await this.policies.findOverlap(fields, exceptId);
    if (other) throw new PolicyOverlapException(other);
  }

  /** The version's snapshot and its audit event. */
  private async recordVersion(
    principal: Principal,
    row: PolicyRow,
    action: 'created' | 'updated',
  ): Promise<void> {
    const fields = fieldsOf(row);
    await this.policies.insertVersion(row, fields, principal.userId);
    await this.audit.append({
      actor: principal,
      entity: 'rebate_policy',
      entityId: row.id,
      action,
      data: { version: row.version, ...fields },
    });
  }
}
