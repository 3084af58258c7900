import { ObjectionCategory, OBJECTION_CATEGORIES } from '../../../core/settings/domain/settings';

/** A key disagreement point: its category and the sentence it was said in. */
export interface Objection {
  category: ObjectionCategory;
  quote: string;
}

export type ObjectionKeywords = Record<ObjectionCategory, readonly string[]>;

/** Chinese and Western sentence ends, and line breaks: minutes are written both ways. */
const SENTENCE_END = /[。！？!?；;\n\r]+/;

export function sentencesOf(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * The objections raised in `texts` (the summary, then each transcript
 * segment): every sentence containing a keyword of a category gives that
 * category once, quoting the sentence. A sentence may raise several
 * categories (价格贵而且交期长); a category raised in several sentences is
 * listed once per sentence, in the order they were said. Matching is by
 * substring, case-insensitive, as Chinese has no word spaces.
 */
export function extractObjections(
  texts: readonly string[],
  keywords: ObjectionKeywords,
): Objection[] {
  const seen = new Set<string>();
  const objections: Objection[] = [];
  for (const sentence of texts.flatMap(sentencesOf)) {
    const haystack = sentence.toLowerCase();
    for (const category of OBJECTION_CATEGORIES) {
      const raised = keywords[category].some(
        (keyword) => keyword.length > 0 && haystack.includes(keyword.toLowerCase()),
      );
      const key = `${category}\u0000${sentence}`;
      if (raised && !seen.has(key)) {
        seen.add(key);
        objections.push({ category, quote: sentence });
      }
    }
  }
  return objections;
}
