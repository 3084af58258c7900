import { segmentSearchTerms } from '../../../core/text/chinese-segmenter';

/** An article's searchable parts, each as jieba's search-mode terms joined by spaces. */
export interface SearchDocument {
  title: string;
  tags: string;
  body: string;
}

const terms = (text: string) => segmentSearchTerms(text).join(' ');

/**
 * What the article's tsvector is built from. PostgreSQL's parsers do not cut
 * Chinese into words, so jieba does it here, at write time; the 'simple'
 * configuration then keeps each term as it is.
 */
export function articleSearchDocument(article: {
  title: string;
  tags: readonly string[];
  body: string;
}): SearchDocument {
  return {
    title: terms(article.title),
    tags: terms(article.tags.join(' ')),
    body: terms(article.body),
  };
}

/** A query's terms, cut as the documents were: every one of them must match. Empty if none is searchable. */
export function searchQueryText(q: string): string {
  return terms(q);
}
