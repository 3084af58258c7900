import { Client } from 'pg';
import {
  articleSearchDocument,
  searchQueryText,
} from '../src/modules/knowledge-base/domain/article-search';
import { BenchApp, call, copyRows, withBenchApp, withClient } from './bench-support';
import { BenchReport, Figure, report, round, timed } from './harness';

const ARTICLES = Number(process.env.BENCH_KB_ARTICLES ?? 20_000);
const REPEATS = 15;

/** Topics an article is about: its title and the sentence that says it. */
const TOPICS: [string, string, string[]][] = [
  ['交期查询流程', '客户询问交期时，先查看 ERP 同步的预计到货日期。', ['交期', '订单']],
  ['交货期限说明', '合同约定的交货期限以客户签收日为准，延误需提前告知。', ['合同', '物流']],
  ['增值税专票开具', '开具增值税专用发票需提供税号、开户行及账号。', ['发票', '财务']],
  ['退货换货政策', '到货七天内质量问题可以退货或换货，需保留原包装。', ['退货', '售后']],
  ['账期与月结', '合作满三个月的客户可以申请月结，账期最长三十天。', ['账期', '月结']],
  ['返利政策解读', '季度返利按含税回款额阶梯计算，以货补形式抵扣。', ['返利', '政策']],
  ['新品试吃活动', '邀请顾客试吃新品时先介绍口味亮点，再推荐搭配。', ['试吃', '门店']],
  ['竞品应对要点', '客户提到竞品低价时，先确认规格与质保是否一致。', ['竞品', '话术']],
];

/** What every article also says: the floor's everyday sentences. */
const FILLER = [
  '请在系统中记录每一次客户沟通。',
  '门店店长每周复盘销售数据。',
  '遇到疑问请先联系直属主管。',
  '重要客户需要定期回访并记录反馈。',
  '报价单提交后由主管审批。',
  '仓库每天下午统一发货。',
  '会员积分可以在下次消费时抵扣。',
  '节假日期间客服响应时间可能延长。',
];

interface Query {
  q: string;
  /** The words an article must all contain (as substrings) to be relevant. */
  words: string[];
}

const QUERIES: Query[] = [
  { q: '交期', words: ['交期'] },
  { q: '专票', words: ['专票'] },
  { q: '增值税专票', words: ['增值税专票'] },
  { q: '退货 换货', words: ['退货', '换货'] },
  { q: '返利政策', words: ['返利政策'] },
  { q: '试吃', words: ['试吃'] },
];

interface GeneratedArticle {
  title: string;
  body: string;
  tags: string[];
}

/** Article i: one topic, three filler sentences; deterministic. */
function generated(i: number): GeneratedArticle {
  const [title, sentence, tags] = TOPICS[i % TOPICS.length];
  const filler = [0, 3, 5].map((offset) => FILLER[(i + offset) % FILLER.length]);
  return {
    title: `${title}（${i}）`,
    body: [filler[0], sentence, filler[1], filler[2]].join(''),
    tags,
  };
}

const text = (article: GeneratedArticle) =>
  `${article.title} ${article.tags.join(' ')} ${article.body}`;

/** Articles cut by jieba here, as the app does on write, then copied in and vectorised. */
async function seed(client: Client): Promise<number> {
  const { seconds } = await timed(async () => {
    await client.query(
      'CREATE TEMP TABLE staged (title text, body text, tags text[], t text, g text, b text)',
    );
    const lines = function* () {
      for (let i = 0; i < ARTICLES; i++) {
        const article = generated(i);
        const doc = articleSearchDocument(article);
        yield `${article.title}\t${article.body}\t{${article.tags.join(',')}}\t${doc.title}\t${doc.tags}\t${doc.body}\n`;
      }
    };
    await copyRows(client, 'COPY staged FROM STDIN', lines());
    await client.query(
      `INSERT INTO kb_articles (title, body, tags, status, source, search)
       SELECT title, body, tags, 'published', 'manual',
         setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('simple', g), 'B')
           || setweight(to_tsvector('simple', b), 'C')
       FROM staged`,
    );
    await client.query('VACUUM ANALYZE kb_articles');
  });
  return seconds;
}

/** Median of REPEATS timings of `sql`, in ms, and the ids it found the last time. */
async function medianMs(
  client: Client,
  sql: string,
  params: unknown[],
): Promise<{ ms: number; titles: string[] }> {
  const times: number[] = [];
  let titles: string[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const { seconds, result } = await timed(() => client.query<{ title: string }>(sql, params));
    times.push(seconds * 1000);
    titles = result.rows.map((row) => row.title);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], titles };
}

const JIEBA_SQL = `SELECT title FROM kb_articles a WHERE a.search @@ plainto_tsquery('simple', $1)`;
/** Title and body: what a trigram index can cover (array_to_string is not immutable, so no tags). */
const ILIKE_SQL = `SELECT title FROM kb_articles a WHERE (a.title || ' ' || a.body) ILIKE '%' || $1 || '%'`;

/** Of the relevant articles (all words present), the share found; of those found, the share relevant. */
function relevance(query: Query, found: string[]): { recallPct: number; precisionPct: number } {
  const relevantTitles = new Set<string>();
  for (let i = 0; i < ARTICLES; i++) {
    const article = generated(i);
    if (query.words.every((word) => text(article).includes(word)))
      relevantTitles.add(article.title);
  }
  const hits = found.filter((title) => relevantTitles.has(title)).length;
  return {
    recallPct: relevantTitles.size ? round((100 * hits) / relevantTitles.size, 1) : 100,
    precisionPct: found.length ? round((100 * hits) / found.length, 1) : 100,
  };
}

/** pg_trgm's GIN index, if this server lets us create the extension; else why not. */
async function tryTrigramIndex(client: Client): Promise<string | undefined> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await client.query(
      `CREATE INDEX kb_bench_trgm ON kb_articles USING gin ((title || ' ' || body) gin_trgm_ops)`,
    );
    await client.query('ANALYZE kb_articles');
    return undefined;
  } catch (error) {
    return `pg_trgm unavailable: ${(error as Error).message}`;
  }
}

/** The ILIKE queries again, now that a trigram index may serve them. */
async function trigramTimings(client: Client): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  for (const query of QUERIES)
    timings[query.q] = round((await medianMs(client, ILIKE_SQL, [query.q])).ms, 2);
  return timings;
}

async function apiMedianMs(bench: BenchApp, q: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const { seconds, result } = await timed(() =>
      call(bench.app, 'GET', `/kb/articles?q=${encodeURIComponent(q)}`, bench.adminAuth),
    );
    if (result.status !== 200) throw new Error(`search answered ${result.status}`);
    times.push(seconds * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function queryFigure(query: Query, jieba: { ms: number; titles: string[] }, scan: number): Figure {
  const { recallPct, precisionPct } = relevance(query, jieba.titles);
  return {
    name: `p50 of q=${query.q} over ${ARTICLES} articles (jieba tsvector, GIN): ${jieba.titles.length} hits, recall ${recallPct} %, precision ${precisionPct} %`,
    value: round(jieba.ms, 2),
    unit: 'ms',
    baseline: { name: 'ILIKE substring, sequential scan', value: round(scan, 2), unit: 'ms' },
    ratio: round(jieba.ms / scan, 2),
    target: 'faster than the scan, recall 100 %',
    pass: jieba.ms < scan && recallPct === 100,
  };
}

export async function kbBenchmark(): Promise<BenchReport> {
  return withBenchApp({ LOG_LEVEL: 'warn' }, async (bench) =>
    withClient(bench.url, async (client) => {
      const seedSeconds = await seed(client);
      const figures: Figure[] = [];
      const ilike: Record<string, { ms: number; titles: string[] }> = {};
      for (const query of QUERIES) {
        const jieba = await medianMs(client, JIEBA_SQL, [searchQueryText(query.q)]);
        ilike[query.q] = await medianMs(client, ILIKE_SQL, [query.q]);
        figures.push(queryFigure(query, jieba, ilike[query.q].ms));
      }
      const synonym = await medianMs(client, JIEBA_SQL, [searchQueryText('交期')]);
      const apiMs = await apiMedianMs(bench, '交期');
      const trigram = (await tryTrigramIndex(client)) ?? (await trigramTimings(client));
      figures.push({
        name: 'GET /kb/articles?q=交期 through the API, p50 (first page of 50)',
        value: round(apiMs, 2),
        unit: 'ms',
        target: '<= 50 ms',
        pass: apiMs <= 50,
      });
      return report('kb', figures, {
        articles: ARTICLES,
        seedSeconds: round(seedSeconds, 1),
        jiebaTerms: Object.fromEntries(QUERIES.map((query) => [query.q, searchQueryText(query.q)])),
        ilikeHits: Object.fromEntries(
          QUERIES.map((query) => [query.q, ilike[query.q].titles.length]),
        ),
        交期FindsDeliveryTermArticles: synonym.titles.some((title) => title.startsWith('交货期限')),
        trigramIlikeMs: trigram,
      });
    }),
  );
}
