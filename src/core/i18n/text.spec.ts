import { languageOf } from './text';

describe('languageOf', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['ZH-cn', 'zh'],
    ['zh-TW', 'zh'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    ['*', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en;q=0.9, zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-CN', 'zh'],
    ['fr, zh;q=0.3', 'zh'],
    ['zh;q=0, en', 'en'],
    ['zh;q=abc, en;q=0.1', 'en'],
    [['en;q=0.2', 'zh-CN'], 'zh'],
  ])('%j asks for %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
