import { randomUUID } from 'node:crypto';
import { API, createTestApp, TestApp } from './support/test-app';

/**
 * API.md §0 "Language": Accept-Language: zh-CN gets Chinese title, detail and
 * errors[].message; English stays the default; code and field never change.
 * Validation gives one message per field: the first constraint that failed.
 */
describe('languages and validation messages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const send = (method: 'get' | 'post', path: string, language?: string, body?: object) => {
    const request = app.api()[method](`${API}${path}`).set('authorization', app.adminAuth);
    if (language) request.set('accept-language', language);
    return body ? request.send(body) : request;
  };

  it('answers a missing name with one message, in English by default and in Chinese for zh-CN', async () => {
    const body = { signalType: 'web_visit', threshold: 3 };
    const english = await send('post', '/trigger-rules', undefined, body).expect(400);
    const chinese = await send('post', '/trigger-rules', 'zh-CN,zh;q=0.9,en;q=0.8', body).expect(
      400,
    );
    const named = (errors: { field: string }[]) => errors.filter((e) => e.field === 'name');
    expect(named(english.body.errors)).toEqual([{ field: 'name', message: 'name is required' }]);
    expect(named(chinese.body.errors)).toEqual([{ field: 'name', message: 'name 为必填项' }]);
    expect(english.body).toMatchObject({
      title: 'Bad Request',
      detail: 'The request has invalid or unknown fields',
    });
    expect(chinese.body).toMatchObject({
      title: '请求无效',
      detail: '请求中有无效或未知的字段',
      code: english.body.code,
    });
    expect(chinese.body.errors.map((e: { field: string }) => e.field)).toEqual(
      english.body.errors.map((e: { field: string }) => e.field),
    );
  });

  it('names the first failed constraint only: a type before a size', async () => {
    const tags = await send('post', '/customers', undefined, {
      name: '杭州某轴承',
      phone: '13900000001',
      tags: 'ab',
    }).expect(400);
    expect(tags.body.errors).toEqual([{ field: 'tags', message: 'tags must be an array' }]);
    const limit = await send('get', '/customers?limit=abc').expect(400);
    expect(limit.body.errors).toEqual([
      { field: 'limit', message: 'limit must be an integer number' },
    ]);
    const chineseLimit = await send('get', '/customers?limit=abc', 'zh-CN').expect(400);
    expect(chineseLimit.body.errors).toEqual([{ field: 'limit', message: 'limit 必须是整数' }]);
  });

  it('speaks Chinese in a domain error, keeping its code', async () => {
    const id = randomUUID();
    const missing = await send('get', `/customers/${id}`, 'zh-CN').expect(404);
    expect(missing.body).toMatchObject({
      title: '未找到',
      detail: `找不到客户 ${id}`,
      code: 'NOT_FOUND',
    });
    const english = await send('get', `/customers/${id}`, 'en-US').expect(404);
    expect(english.body).toMatchObject({ title: 'Not Found', detail: `Customer ${id} not found` });
  });

  it('speaks Chinese before authentication too', async () => {
    const anonymous = await app
      .api()
      .get(`${API}/customers`)
      .set('accept-language', 'zh-CN')
      .expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', title: '未认证' });
  });

  it('trims names and tags, and refuses a blank name, a blank tag or a tag twice', async () => {
    const created = await send('post', '/customers', undefined, {
      name: '  宁波某模具厂  ',
      phone: '13900000002',
      tags: [' 只接受月结', '倾向视频演示 '],
    }).expect(201);
    expect(created.body).toMatchObject({
      name: '宁波某模具厂',
      tags: ['只接受月结', '倾向视频演示'],
    });
    const blank = await send('post', '/customers', undefined, {
      name: '   ',
      phone: '13900000003',
      tags: ['  '],
    }).expect(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'name',
      'tags',
    ]);
    const twice = await send('post', '/customers', 'zh-CN', {
      name: '宁波某模具厂',
      phone: '13900000004',
      tags: ['只接受月结', ' 只接受月结 '],
    }).expect(400);
    expect(twice.body.errors).toEqual([{ field: 'tags', message: 'tags 中的值不能重复' }]);
  });
});
