import { Injectable, StreamableFile } from '@nestjs/common';
import { svgAnswer } from '../../../core/http/svg-answer';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { NotFoundException } from '../../../core/errors/domain.exception';
import { Language } from '../../../core/i18n/text';
import { ComplianceRepository } from '../../metrics/compliance/compliance.repository';
import { FirstResponseRepository } from '../../metrics/first-response/first-response.repository';
import { checkedRange, MetricRange } from '../../metrics/metric-range';
import { orgMessages } from '../../org/org.exception';
import {
  axisDefinitions,
  axisValues,
  radarAxes,
  radarDefinition,
  RepFigures,
} from './domain/radar-axes';
import { radarSvg } from './domain/radar-svg';
import { RepRadarQueryDto, RepRadarResponse } from './dto/rep-radar.dto';
import { MemberFiguresRow, RadarSubject, RepRadarRepository } from './rep-radar.repository';

/** Every team member's counts by user id, with the settings the definitions quote (as the first-response statement read them). */
interface TeamFigures {
  targetMinutes: number;
  timezone: string;
  byMember: Map<string, RepFigures>;
}

/**
 * The rep radar (API.md §11): six axes of one user's work over a range, each
 * ranked within its team. First response and compliance come from the
 * metrics' own statements, grouped by rep over the team; the other four from
 * RepRadarRepository. So the figures are those of GET /metrics/*, and the
 * whole team is measured in three statements, however large it is.
 */
@Injectable()
export class RepRadarService {
  constructor(
    private readonly repository: RepRadarRepository,
    private readonly firstResponse: FirstResponseRepository,
    private readonly compliance: ComplianceRepository,
    private readonly scope: DataScopeService,
  ) {}

  /**
   * 404 for a user outside the caller's data scope, as for one that does not
   * exist. The peers are measured whatever the caller's scope: only their
   * rank shows, never their figures.
   */
  async radar(
    principal: Principal,
    query: RepRadarQueryDto,
    language: Language,
  ): Promise<RepRadarResponse> {
    const range = checkedRange(query);
    const subject = await this.subjectOf(principal, query.userId ?? principal.userId);
    const team = await this.teamFigures(subject.teamIds, range);
    const [user, ...peers] = subject.teamIds.map((id) => axisValues(team.byMember.get(id)!));
    return {
      userId: subject.userId,
      name: subject.name,
      from: range.from,
      to: range.to,
      teamSize: subject.teamIds.length,
      axes: radarAxes(user, peers, axisDefinitions(team.targetMinutes), language),
      definition: radarDefinition({ ...range, timezone: team.timezone })[language],
    };
  }

  /** The radar as JSON, or drawn as SVG for `?format=svg`. */
  async read(
    principal: Principal,
    query: RepRadarQueryDto,
    language: Language,
  ): Promise<RepRadarResponse | StreamableFile> {
    const radar = await this.radar(principal, query, language);
    if (query.format !== 'svg') return radar;
    return svgAnswer(radarSvg(radar));
  }

  /** The user and its team, or 404 when it is not in the caller's data scope (API keys have no user). */
  private async subjectOf(principal: Principal, userId: string | null): Promise<RadarSubject> {
    const params = new SqlParams();
    const userScope = this.scope.predicate(principal, 'u.id', params);
    const subject =
      userId === null ? undefined : await this.repository.subject(userId, params, userScope);
    if (!subject) throw new NotFoundException(orgMessages.user, userId ?? undefined);
    return subject;
  }

  /** Every member's figures (the user first in `teamIds`): three set-based statements. */
  private async teamFigures(teamIds: string[], range: MetricRange): Promise<TeamFigures> {
    const responseParams = new SqlParams();
    const responses = await this.firstResponse.measure(
      range,
      'rep',
      responseParams,
      ownedByTeam(teamIds, responseParams)('r.owner_id'),
    );
    const obligationParams = new SqlParams();
    const obligations = await this.compliance.counts(
      range,
      'rep',
      obligationParams,
      ownedByTeam(teamIds, obligationParams),
    );
    const members = await this.repository.memberFigures(teamIds, range);
    const total = responses.find((row) => row.total)!;
    const byMember = new Map(
      members.map((member) => {
        const answered = responses.find((row) => !row.total && row.key === member.userId);
        const due = obligations.find((row) => !row.total && row.key === member.userId);
        return [
          member.userId,
          {
            firstResponse: { within: answered?.within ?? 0, counted: answered?.counted ?? 0 },
            compliance: { due: due?.due ?? 0, fulfilled: due?.fulfilled ?? 0 },
            ...repositoryFigures(member),
          },
        ];
      }),
    );
    return { targetMinutes: total.targetMinutes, timezone: total.timezone, byMember };
  }
}

/** A scope predicate, over an owner-id column, for the team's members (its ids added to `params` once). */
function ownedByTeam(teamIds: string[], params: SqlParams): (ownerColumn: string) => string {
  const team = params.add(teamIds);
  return (ownerColumn) => `${ownerColumn} = ANY (${team}::uuid[])`;
}

/** The axes' counts that RepRadarRepository gives. */
function repositoryFigures(
  row: MemberFiguresRow,
): Omit<RepFigures, 'firstResponse' | 'compliance'> {
  return {
    closedQuotes: { won: row.won, lost: row.lost },
    offeredQuotes: { meanDiscountPct: row.meanDiscountPct },
    followUps: {
      count: row.followUps,
      withTranscript: row.withTranscript,
      withObjections: row.withObjections,
    },
    repurchase: { base: row.base, repurchased: row.repurchased },
  };
}
