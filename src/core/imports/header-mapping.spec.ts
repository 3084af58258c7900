import { HeaderMatcher } from './header-mapping';

const columns = new HeaderMatcher<'code' | 'title' | 'note'>({
  fields: ['code', 'title', 'note'],
  required: ['code', 'title'],
  synonyms: { code: ['编码', 'code'], title: ['名称', 'title'], note: ['备注', 'note'] },
});

/** The generic header matching; the customer and product importers test their own synonyms. */
describe('HeaderMatcher', () => {
  it('recognises headers whatever their width, case, spacing, markers and remarks', () => {
    expect(columns.recognizeColumns(['＊编码', ' 名 称（中文）', 'NOTE'], new Map())).toEqual({
      ok: true,
      value: { code: 0, title: 1, note: 2 },
    });
  });

  it('names each required column that is missing', () => {
    const outcome = columns.recognizeColumns(['备注'], new Map());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.errors.map((e) => e.message.en)).toEqual([
        expect.stringMatching(/no code column/),
        expect.stringMatching(/no title column/),
      ]);
  });

  it('lets a mapping override the synonyms, and checks it against the schema', () => {
    const mapping = columns.parseMapping('{"物料号":"code","名称":null,"标题":"title"}');
    expect(mapping.ok).toBe(true);
    if (!mapping.ok) return;
    expect(columns.recognizeColumns(['物料号', '名称', '标题'], mapping.value)).toEqual({
      ok: true,
      value: { code: 0, title: 2 },
    });
    const bad = columns.parseMapping('{"a":"phone"}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].message.en).toMatch(/one of code, title, note/);
  });

  it('gives a row’s cells under their fields', () => {
    expect(columns.cellsByField(['A', 'B'], { code: 0, title: 1, note: 2 })).toEqual({
      code: 'A',
      title: 'B',
    });
  });
});
