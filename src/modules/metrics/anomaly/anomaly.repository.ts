import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../../core/database/transaction-host';

export interface PrecisionRow {
  flagged: number;
  confirmed: number;
  falseAlarms: number;
}

/** The anomalies' judgements, for the precision metric. */
@Injectable()
export class AnomalyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * The anomalies of these weeks (`YYYY-Www`), one per week whatever the
   * number of directors told, with the week's judgement: the resolution of
   * its first todo to be closed with one.
   */
  async precision(weeks: string[]): Promise<PrecisionRow> {
    const [row] = await this.tx.query<PrecisionRow>(
      `WITH anomalies AS (
         SELECT (array_agg(t.resolution ORDER BY t.completed_at, t.id)
                   FILTER (WHERE t.status = 'done' AND t.resolution IS NOT NULL))[1] AS resolution
         FROM todos t
         WHERE t.type = 'funnel_anomaly' AND t.payload->>'week' = ANY ($1::text[])
         GROUP BY t.payload->>'week'
       )
       SELECT count(*)::int AS flagged,
         count(*) FILTER (WHERE resolution = 'confirmed')::int AS confirmed,
         count(*) FILTER (WHERE resolution = 'false_alarm')::int AS "falseAlarms"
       FROM anomalies`,
      [weeks],
    );
    return row;
  }
}
