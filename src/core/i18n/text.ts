/**
 * The languages the API answers in: English by default, Simplified Chinese
 * for `Accept-Language: zh-CN` (API.md §0). `code` and `field` never change
 * with the language; titles, details and field messages do.
 */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text that a person reads, in every language the API speaks. */
export interface Text {
  en: string;
  zh: string;
}

/** A module's messages: each a Text, or a function of the values it names that makes one. */
export type Catalogue = Record<string, Text | ((...values: never[]) => Text)>;

/** Checks a module's catalogue against Catalogue while keeping its exact type. */
export const catalogue = <T extends Catalogue>(messages: T): T => messages;

/**
 * The language a request asks for, from its Accept-Language header: the
 * highest-weighted of `zh…` and `en…` (any region or script), English when it
 * names neither. `zh-TW` gets Simplified Chinese, the nearer of the two.
 */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  let best: { language: Language; weight: number } | undefined;
  for (const range of header.split(',')) {
    const [tag, ...parameters] = range.trim().toLowerCase().split(';');
    const language = LANGUAGES.find((code) => tag === code || tag.startsWith(`${code}-`));
    if (!language) continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(weight) && weight > 0 && (!best || weight > best.weight)) {
      best = { language, weight };
    }
  }
  return best?.language ?? 'en';
}
