import { TransactionHost } from '../../core/database/transaction-host';
import { AutoFaqService, clusterKey } from './auto-faq.service';
import { KbArticlesService } from './kb-articles.service';
import { NewArticle } from './kb-articles.repository';

const at = new Date('2026-12-03T02:00:00Z');
const question = (id: string, subject: string, content: string) => ({
  id,
  subject,
  content,
  createdAt: at,
});

/** Two topics of three questions each, and a one-off. */
const TICKETS = [
  question('t1', '专票怎么开', '请问增值税专票怎么开具，需要提供哪些资料'),
  question('t2', '开专票需要什么', '我们要开增值税专票，需要提供税号吗'),
  question('t3', '专票开具资料', '增值税专票开具需要税号和开户行'),
  question('t4', '交期多久', '这批订单的交期大概多久，什么时候到货'),
  question('t5', '订单交期', '上周下的订单交期是几号，能否提前到货'),
  question('t6', '交期确认', '请确认一下订单交期，我们急着到货'),
  question('t7', '登录不了', '系统账号登录不了'),
];

describe('AutoFaqService', () => {
  const drafted: NewArticle[] = [];
  const service = new AutoFaqService(
    { query: () => Promise.resolve(TICKETS) } as unknown as TransactionHost,
    {
      draft: (article: NewArticle) => {
        drafted.push(article);
        return Promise.resolve(`article-${drafted.length}`);
      },
    } as unknown as KbArticlesService,
  );

  it('drafts one auto_faq draft per cluster, keyed by its tickets, and returns their ids', async () => {
    const ids = await service.draftRecentQuestions();
    expect(ids).toEqual(['article-1', 'article-2']);
    const byTopic = drafted.map((article) => [...article.exampleTicketIds].sort());
    expect(byTopic).toEqual(
      expect.arrayContaining([
        ['t1', 't2', 't3'],
        ['t4', 't5', 't6'],
      ]),
    );
    for (const article of drafted) {
      expect(article).toMatchObject({ status: 'draft', source: 'auto_faq' });
      expect(article.clusterKey).toBe(clusterKey(article.exampleTicketIds));
      expect(article.title).toMatch(/^常见问题/);
    }
  });

  it('keys a cluster by its set of tickets, whatever their order', () => {
    expect(clusterKey(['t3', 't1', 't2'])).toBe(clusterKey(['t1', 't2', 't3']));
    expect(clusterKey(['t1', 't2'])).not.toBe(clusterKey(['t1', 't2', 't3']));
  });
});
