import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Trade words that jieba's general dictionary splits (交期 becomes 交 + 期), so that search and
 * the FAQ clustering see them as the one term the sales floor uses. The frequency is high
 * enough to win over the split, as jieba's own dictionary lines are weighed.
 */
const TRADE_WORDS = [
  '交期',
  '账期',
  '月结',
  '预付',
  '回款',
  '到货',
  '退货',
  '换货',
  '返利',
  '补货',
  '试吃',
  '竞品',
  '售后',
  '质保',
  '开票',
  '专票',
  '普票',
  '发票',
  '对账',
];

/**
 * Words that carry no topic: particles, pronouns, politeness, and the wording of any request
 * (什么时候, 能否, 如果…的话, 申请, 处理), which would otherwise make unrelated tickets look alike.
 */
const STOP_WORDS = new Set(
  (
    '的 了 是 在 和 与 及 或 也 都 就 还 又 很 太 吗 呢 吧 啊 呀 哦 嘛 么 着 过 被 把 给 让 对 从 向 为 以 ' +
    '我 我们 你 你们 您 他 她 它 他们 这 那 这个 那个 这些 那些 这里 那里 什么 怎么 怎样 如何 为什么 哪 哪里 ' +
    '一个 一下 一些 有 没有 没 不 能 可以 会 要 想 请 请问 谢谢 麻烦 一直 已经 现在 今天 还是 但是 因为 所以 ' +
    '时候 需要 帮忙 尽快 如果 的话 能否 是否 有没有 能不能 不能 怎么办 个 申请 办理 处理 咨询 告知 提供 ' +
    'a an the of to in on for is are be and or with'
  ).split(' '),
);

let jieba: Jieba | undefined;

/** jieba with its dictionary, loaded once (about 0.3 s) on first use, not at start. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(TRADE_WORDS.map((word) => `${word} 100000 n`).join('\n')));
  }
  return jieba;
}

/** A term worth keeping: it has a letter or a digit, and is not a stop word. */
function isTerm(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token) && !STOP_WORDS.has(token);
}

/**
 * The terms of a text, in order, as jieba's precise mode cuts them (without HMM, so that the
 * same text gives the same terms whatever the dictionary's neighbours): lower-cased, without
 * punctuation, white space or stop words. A term may repeat.
 */
export function segmentTerms(text: string): string[] {
  return segmenter()
    .cut(text.normalize('NFKC'), false)
    .map((token) => token.trim().toLowerCase())
    .filter(isTerm);
}

/**
 * The terms for search: jieba's search mode, which also cuts long words into their shorter
 * words (中华人民共和国 also gives 中华, 人民, 共和国), so that a query for a part finds the
 * whole.
 */
export function segmentSearchTerms(text: string): string[] {
  return segmenter()
    .cutForSearch(text.normalize('NFKC'), false)
    .map((token) => token.trim().toLowerCase())
    .filter(isTerm);
}
