import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentPrincipal, Roles } from '../../core/auth/access.decorators';
import { Principal } from '../../core/auth/principal';
import { IdParam } from '../../core/http/id-param.decorator';
import { IfMatchVersion } from '../../core/http/if-match.decorator';
import { Created } from '../../core/http/location';
import { VersionParam } from '../../core/http/version-param.decorator';
import { Post } from '../../core/idempotency/post.decorator';
import { ApiExamples } from '../../core/openapi/api-examples.decorator';
import { ApiProblems } from '../../core/openapi/api-problems.decorator';
import {
  CalculateRebateDto,
  RebateCalculationResponse,
  SimulateRebateDto,
  SimulationResponse,
} from './dto/rebate-calculation.dto';
import {
  CreateRebatePolicyDto,
  RebatePolicyPage,
  RebatePolicyQueryDto,
  RebatePolicyResponse,
  RebatePolicyVersionResponse,
  UpdateRebatePolicyDto,
} from './dto/rebate-policy.dto';
import {
  CALCULATE_REBATE_EXAMPLE,
  CREATE_REBATE_POLICY_EXAMPLE,
  REBATE_CALCULATION_EXAMPLE,
  REBATE_POLICY_EXAMPLE,
  REBATE_POLICY_PAGE_EXAMPLE,
  REBATE_POLICY_VERSION_EXAMPLE,
  SIMULATE_REBATE_EXAMPLE,
  SIMULATION_EXAMPLE,
  UPDATE_REBATE_POLICY_EXAMPLE,
} from './dto/rebate.examples';
import { RebateCalculatorService } from './rebate-calculator.service';
import { RebatePoliciesService } from './rebate-policies.service';

/** Those who set rebate policies; every role reads them, so that reps can explain them. */
const POLICY_AUTHORS = ['admin', 'sales_director', 'finance_bp'] as const;

@ApiTags('rebates')
@Controller('rebate-policies')
export class RebatePoliciesController {
  constructor(private readonly policies: RebatePoliciesService) {}

  /**
   * Set a rebate policy
   *
   * Tier problems (a threshold not above the previous one, a negative rate)
   * get 400 naming the field, e.g. `tiers[1].threshold`. A policy valid on a
   * day when another one for a shared segment is gets 409 `POLICY_OVERLAP`
   * with that policy's id in `policyId`.
   */
  @Post()
  @Created('rebate-policies/{id}')
  @Roles(...POLICY_AUTHORS)
  @ApiProblems(409)
  @ApiExamples({ request: CREATE_REBATE_POLICY_EXAMPLE, response: REBATE_POLICY_EXAMPLE })
  create(
    @Body() body: CreateRebatePolicyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RebatePolicyResponse> {
    return this.policies.create(principal, body);
  }

  /** List rebate policies, newest first */
  @Get()
  @AnyRole()
  @ApiExamples({ response: REBATE_POLICY_PAGE_EXAMPLE })
  list(@Query() query: RebatePolicyQueryDto): Promise<RebatePolicyPage> {
    return this.policies.list(query);
  }

  /** Read a rebate policy at its latest version, with its formula in words */
  @Get(':id')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: REBATE_POLICY_EXAMPLE })
  get(@IdParam() id: string): Promise<RebatePolicyResponse> {
    return this.policies.get(id);
  }

  /**
   * Change a rebate policy
   *
   * Checked as on create, as a whole after the change. A change writes a new
   * version; calculations already made keep the version they applied. A PATCH
   * that changes nothing keeps the version.
   */
  @Patch(':id')
  @Roles(...POLICY_AUTHORS)
  @ApiProblems(404, 409)
  @ApiExamples({ request: UPDATE_REBATE_POLICY_EXAMPLE, response: REBATE_POLICY_EXAMPLE })
  update(
    @IdParam() id: string,
    @Body() body: UpdateRebatePolicyDto,
    @IfMatchVersion() version: number | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RebatePolicyResponse> {
    return this.policies.update(principal, id, body, version);
  }

  /**
   * Delete a rebate policy that no calculation applied
   *
   * Its versions go with it. A policy that answered a calculation stays, so
   * that the answer can still be explained: 409 `POLICY_IN_USE`; end it with
   * `validTo` instead.
   */
  @Delete(':id')
  @Roles(...POLICY_AUTHORS)
  @HttpCode(204)
  @ApiProblems(404, 409)
  remove(@IdParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.policies.remove(principal, id);
  }

  /** Read a rebate policy as one of its versions stood */
  @Get(':id/versions/:version')
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ response: REBATE_POLICY_VERSION_EXAMPLE })
  version(
    @IdParam() id: string,
    @VersionParam('version') version: number,
  ): Promise<RebatePolicyVersionResponse> {
    return this.policies.version(id, version);
  }

  /**
   * Price annual purchases under a policy, for what-if tables
   *
   * Each amount is taken as a customer's annual purchases: its rebate is
   * capped, and rounded half-up only at the end. Nothing is recorded.
   */
  @Post(':id/simulate')
  @HttpCode(200)
  @AnyRole()
  @ApiProblems(404)
  @ApiExamples({ request: SIMULATE_REBATE_EXAMPLE, response: SIMULATION_EXAMPLE })
  simulate(@IdParam() id: string, @Body() body: SimulateRebateDto): Promise<SimulationResponse> {
    return this.policies.simulate(id, body.amounts);
  }
}

@ApiTags('rebates')
@Controller('rebates')
export class RebatesController {
  constructor(private readonly calculator: RebateCalculatorService) {}

  /**
   * Calculate a customer's rebate for a purchase being considered
   *
   * The customer must be in your data scope (404 otherwise); `ytdPurchases`
   * is its orders this calendar year in the organisation's time zone. The
   * answer is recorded (`calculationId`) with the policy version it applied,
   * and is 200 as it computes rather than creates a resource. No policy for
   * the customer's segment valid today gets 422 `NO_REBATE_POLICY`.
   */
  @Post('calculate')
  @HttpCode(200)
  @AnyRole()
  @ApiProblems(404, 409, 422)
  @ApiExamples({ request: CALCULATE_REBATE_EXAMPLE, response: REBATE_CALCULATION_EXAMPLE })
  calculate(
    @Body() body: CalculateRebateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RebateCalculationResponse> {
    return this.calculator.calculate(principal, body);
  }
}
