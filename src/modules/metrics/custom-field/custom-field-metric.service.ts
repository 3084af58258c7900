import { Injectable } from '@nestjs/common';
import { DataScopeService } from '../../../core/auth/data-scope/data-scope.service';
import { Principal } from '../../../core/auth/principal';
import { SqlParams } from '../../../core/database/sql-params';
import { CustomFieldsService } from '../../custom-fields/custom-fields.service';
import { checkedRange } from '../metric-range';
import {
  CUSTOM_FIELD_SOURCES,
  CustomFieldMetricRepository,
} from './custom-field-metric.repository';
import {
  CustomFieldMetricQueryDto,
  CustomFieldMetricResponse,
} from './dto/custom-field-metric.dto';

/** Counts of a custom field's values by store or team (API.md §9), in the caller's data scope. */
@Injectable()
export class CustomFieldMetricService {
  constructor(
    private readonly repository: CustomFieldMetricRepository,
    private readonly customFields: CustomFieldsService,
    private readonly scope: DataScopeService,
  ) {}

  /** 404 for a key with no live field on the entity: a deleted field's values are not counted. */
  async counts(
    principal: Principal,
    query: CustomFieldMetricQueryDto,
  ): Promise<CustomFieldMetricResponse> {
    const range = checkedRange(query);
    await this.customFields.liveField(query.entity, query.key);
    const params = new SqlParams();
    const { scopeOwner } = CUSTOM_FIELD_SOURCES[query.entity];
    const scopeSql = this.scope.predicate(principal, scopeOwner, params);
    const rows = await this.repository.counts(
      query.entity,
      query.key,
      query.groupBy,
      range,
      params,
      scopeSql,
    );
    return { entity: query.entity, key: query.key, rows };
  }
}
