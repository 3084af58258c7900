import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TransactionHost } from '../../core/database/transaction-host';
import { clusterTickets, FaqSourceTicket } from './domain/faq-clustering';
import { draftFaqArticle } from './domain/faq-draft';
import { FaqDrafter } from './faq-drafter';
import { KbArticlesService } from './kb-articles.service';

/**
 * The most questions one run clusters: the clustering holds n²/2 similarities, 36 MB for
 * 3,000, and takes O(n²) time (2,000 took under a second here). A busier week is clustered on
 * its latest 3,000.
 */
export const MAX_CLUSTERED_QUESTIONS = 3000;

/** The questions of the last 7 days, the latest first, as the clustering reads them. */
const RECENT_QUESTIONS = `
  SELECT id, subject, content, created_at AS "createdAt" FROM tickets
  WHERE kind = 'question' AND created_at >= now() - interval '7 days'
  ORDER BY created_at DESC, id DESC LIMIT ${MAX_CLUSTERED_QUESTIONS}`;

/**
 * What makes a cluster the same cluster: its tickets, whatever their order.
 * A unique column, so a cluster drafted before is never drafted again.
 */
export function clusterKey(ticketIds: readonly string[]): string {
  return createHash('sha256')
    .update([...ticketIds].sort().join(','))
    .digest('hex');
}

/**
 * auto_faq (API.md §9): clusters the last 7 days of ticket questions
 * (docs/knowledge-base.md#auto_faq) and drafts one FAQ article per cluster,
 * `draft` and `auto_faq`, with its example tickets. A cluster drafted before
 * keeps its article, which is sent again.
 */
@Injectable()
export class AutoFaqService extends FaqDrafter {
  private readonly logger = new Logger(AutoFaqService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly articles: KbArticlesService,
  ) {
    super();
  }

  async draftRecentQuestions(): Promise<string[]> {
    const tickets = await this.tx.query<FaqSourceTicket>(RECENT_QUESTIONS);
    const clusters = clusterTickets(tickets);
    const articleIds: string[] = [];
    for (const cluster of clusters) {
      const draft = draftFaqArticle(cluster, tickets);
      articleIds.push(
        await this.articles.draft({
          ...draft,
          status: 'draft',
          source: 'auto_faq',
          clusterKey: clusterKey(cluster.ticketIds),
        }),
      );
    }
    this.logger.log({ questions: tickets.length, clusters: clusters.length }, 'FAQ drafted');
    return articleIds;
  }
}
