import { EastRegion, OrgFactory } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** Every time in an answer, inside payloads too, is UTC with milliseconds. */
const UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOUR = 3_600_000;

/** `instant` as a client in China writes it: `2026-12-05T10:15:00+08:00`. */
function shanghaiTime(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

/** A whole second some hours ago, so that its UTC form is predictable. */
const hoursAgo = (hours: number) => new Date(Math.floor((Date.now() - hours * HOUR) / 1000) * 1000);

describe('times inside payloads', () => {
  let app: TestApp;
  let u: EastRegion;
  let phoneSeq = 0;

  beforeAll(async () => {
    app = await createTestApp();
    u = await new OrgFactory(app).eastRegion();
  });
  afterAll(() => app.close());

  async function customerOfWang(): Promise<string> {
    const phone = `1350000${String(++phoneSeq).padStart(4, '0')}`;
    const response = await app
      .post('/customers', u.wang.auth, { name: `时间客户${phoneSeq}`, phone, tags: ['只接受月结'] })
      .expect(201);
    return (response.body as { id: string }).id;
  }

  describe("a follow-up transcript's `at`", () => {
    const said = hoursAgo(2);
    let followUpId: string;

    beforeAll(async () => {
      const customerId = await customerOfWang();
      const response = await app
        .post(`/customers/${customerId}/follow-ups`, u.wang.auth, {
          channel: 'call',
          occurredAt: shanghaiTime(said),
          summary: '电话回访，客户认为价格偏高，希望改为月结。',
          transcript: [{ at: shanghaiTime(said), speaker: 'customer', text: '价格比别家贵。' }],
          nextTouchAt: shanghaiTime(new Date(Date.now() + 48 * HOUR)),
        })
        .expect(201);
      expect(response.body.transcript[0].at).toBe(said.toISOString());
      followUpId = (response.body as { id: string }).id;
    });

    it('comes back in UTC, sent as +08:00', async () => {
      const response = await app.get(`/follow-ups/${followUpId}`, u.wang.auth).expect(200);
      expect(response.body.transcript[0].at).toMatch(UTC_MS);
      expect(response.body.transcript[0].at).toBe(said.toISOString());
    });

    it('comes back in UTC from a row stored with its offset', async () => {
      await app.sql(
        `UPDATE follow_ups SET transcript = jsonb_set(transcript, '{0,at}', to_jsonb($2::text)) WHERE id = $1`,
        [followUpId, shanghaiTime(said)],
      );
      const response = await app.get(`/follow-ups/${followUpId}`, u.wang.auth).expect(200);
      expect(response.body.transcript[0].at).toBe(said.toISOString());
    });
  });

  describe("a silent-period todo's `silentSince`", () => {
    const since = hoursAgo(80);
    let customerId: string;

    const silentTodo = async () => {
      const response = await app
        .get(`/todos?type=silent_period&customerId=${customerId}`, u.wang.auth)
        .expect(200);
      const [todo] = (response.body as { items: { payload: { silentSince: string } }[] }).items;
      return todo;
    };

    beforeAll(async () => {
      customerId = await customerOfWang();
      await app.sql(`UPDATE customers SET created_at = $2 WHERE id = $1`, [customerId, since]);
      await app.post('/jobs/silent-period/run', app.adminAuth).expect(200);
    });

    it('comes back in UTC with milliseconds, not +00:00', async () => {
      const todo = await silentTodo();
      expect(todo.payload.silentSince).toMatch(UTC_MS);
      expect(todo.payload.silentSince).toBe(since.toISOString());
    });

    it('comes back in UTC from a payload stored with +00:00', async () => {
      await app.sql(
        `UPDATE todos SET payload = payload || jsonb_build_object('silentSince', $2::timestamptz)
          WHERE customer_id = $1`,
        [customerId, since],
      );
      const todo = await silentTodo();
      expect(todo.payload.silentSince).toBe(since.toISOString());
    });
  });
});
