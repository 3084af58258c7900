import { DEMO_PASSWORD } from '../src/core/seed/demo-seeder';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The demo data (`DEMO_DATA=1`) of the tickets, the knowledge base and the insights, on one
 * boot: what a newcomer sees when signing in as the demo's people. Older modules check theirs
 * in their own specs.
 */
describe('demo data: tickets, knowledge base, insights', () => {
  let app: TestApp;
  let supervisor: string;
  beforeAll(async () => {
    app = await createTestApp({ DEMO_DATA: '1' });
    supervisor = await app.login('li.supervisor', DEMO_PASSWORD);
  });
  afterAll(() => app.close());

  it('gives the supervisors breach todos for the tickets past their SLA', async () => {
    const breaches = await app.get('/todos?status=open&type=ticket_sla_breach', supervisor);
    expect(breaches.body.items.length).toBeGreaterThan(0);
  });

  it('has a weekly push with read figures, and an auto_faq push that drafts the week’s three ticket topics', async () => {
    const pushes = (await app.get('/kb/pushes', supervisor).expect(200)).body.items as {
      id: string;
      source: string;
    }[];
    const weekly = pushes.find((push) => push.source === 'manual')!;
    const stats = (await app.get(`/kb/pushes/${weekly.id}/stats`, supervisor).expect(200)).body
      .runs as { delivered: number; read: number }[];
    expect(stats).toHaveLength(2);
    expect(stats.some((run) => run.read > 0 && run.read < run.delivered)).toBe(true);

    const faq = pushes.find((push) => push.source === 'auto_faq')!;
    const run = (await app.post(`/kb/pushes/${faq.id}/run`, supervisor).expect(200)).body as {
      articleIds: string[];
    };
    const titles = await Promise.all(
      run.articleIds.map(
        async (id) => (await app.get(`/kb/articles/${id}`, supervisor).expect(200)).body.title,
      ),
    );
    expect(titles).toHaveLength(3);
    for (const topic of ['发票', '交期', '退货']) {
      expect(titles.filter((title: string) => title.includes(topic))).toHaveLength(1);
    }
  });

  it('names wang.rep’s customers due this week, and its backtest beats the recency baseline', async () => {
    const wang = await app.login('wang.rep', DEMO_PASSWORD);
    const ranking = (await app.get('/insights/likely-buyers?days=7&limit=3', wang).expect(200))
      .body as { items: { score: number; reasons: { code: string }[] }[] };
    expect(ranking.items).toHaveLength(3);
    for (const item of ranking.items) {
      expect(item.reasons.map((reason) => reason.code)).toContain('cycle_due');
    }
    const backtest = (
      await app.get('/insights/likely-buyers/backtest?weeks=8&limit=3', wang).expect(200)
    ).body as { meanPrecisionAtK: number; meanBaselinePrecisionAtK: number };
    expect(backtest.meanPrecisionAtK).toBeGreaterThan(backtest.meanBaselinePrecisionAtK);
  });
});
