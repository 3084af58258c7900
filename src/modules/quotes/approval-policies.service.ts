import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Principal } from '../../core/auth/principal';
import { TransactionHost } from '../../core/database/transaction-host';
import { InvalidInputException } from '../../core/errors/domain.exception';
import {
  ApprovalPolicy,
  checkPolicy,
  DEFAULT_APPROVAL_POLICY,
  UncheckedPolicy,
} from './domain/approval-policy';
import { ApprovalPolicyResponse } from './dto/approval.dto';

interface PolicyRow {
  id: number;
  rules: ApprovalPolicy['rules'];
  createdBy: string | null;
  createdAt: Date;
}

function toResponse(row: PolicyRow | undefined): ApprovalPolicyResponse {
  return {
    rules: row?.rules ?? DEFAULT_APPROVAL_POLICY.rules,
    isDefault: !row,
    updatedBy: row?.createdBy ?? null,
    updatedAt: row?.createdAt.toISOString() ?? null,
  };
}

/**
 * The approval policy (API.md §5): which discounts need which chain. Each PUT
 * appends a row, so the history of policies stays readable; the newest row is
 * in force, and with none the contract's default is.
 */
@Injectable()
export class ApprovalPoliciesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<ApprovalPolicy> {
    return { rules: (await this.get()).rules };
  }

  async get(): Promise<ApprovalPolicyResponse> {
    return toResponse(await this.latest());
  }

  /** Replaces the policy as a whole: 400 names each bad rule; the change is audited. */
  async put(principal: Principal, input: UncheckedPolicy): Promise<ApprovalPolicyResponse> {
    const check = checkPolicy(input);
    if (!check.ok) throw new InvalidInputException(check.errors);
    return this.tx.withTransaction(async () => {
      const before = await this.current();
      const [row] = await this.tx.query<PolicyRow>(
        `INSERT INTO approval_policies (rules, created_by) VALUES ($1, $2)
         RETURNING id, rules, created_by AS "createdBy", created_at AS "createdAt"`,
        [JSON.stringify(check.policy.rules), principal.userId],
      );
      await this.audit.append({
        actor: principal,
        entity: 'approval_policy',
        entityId: String(row.id),
        action: 'updated',
        data: { before: before.rules, after: row.rules },
      });
      return toResponse(row);
    });
  }

  private async latest(): Promise<PolicyRow | undefined> {
    const [row] = await this.tx.query<PolicyRow>(
      `SELECT id, rules, created_by AS "createdBy", created_at AS "createdAt"
       FROM approval_policies ORDER BY id DESC LIMIT 1`,
    );
    return row;
  }
}
