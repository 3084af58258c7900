export class SilentPeriodRunResponse {
  /** Owned customers examined. */
  scanned: number;
  /** Todos made by this run: a pair per newly silent customer (owner and supervisor). */
  created: number;
}
