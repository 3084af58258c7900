import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../database/sql-params';
import { Principal } from '../principal';
import { DataScope, PredicateOptions, scopeFor, scopePredicate } from './data-scope';

/**
 * Every query over customers, and everything hung on a customer, asks this
 * service for its WHERE term. Out-of-scope rows are never fetched, so they
 * answer 404 exactly like rows that do not exist.
 */
@Injectable()
export class DataScopeService {
  scopeOf(principal: Principal): DataScope {
    return scopeFor(principal);
  }

  predicate(
    principal: Principal,
    ownerColumn: string,
    params: SqlParams,
    options?: PredicateOptions,
  ): string {
    return scopePredicate(this.scopeOf(principal), ownerColumn, params, options);
  }
}
