import { ApiInteger } from '../../../core/openapi/api-formats';
export class SilentPeriodRunResponse {
  /** Owned customers examined. */
  @ApiInteger() scanned: number;
  /** Todos made by this run: a pair per newly silent customer (owner and supervisor). */
  @ApiInteger() created: number;
}
