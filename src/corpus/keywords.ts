import type { Concept } from '../text/glossary.js';
import { ArticleFormatError } from './parse.js';
import { LANGS, type Lang, type Section } from './types.js';

/** Splits a keywords paragraph ("Түйін сөздер: a, b, c.") into its terms. */
export function keywordTerms(paragraph: string): string[] {
  const body = paragraph.slice(paragraph.indexOf(':') + 1);
  return body
    .split(',')
    .map((t) => t.trim().replace(/\.$/, ''))
    .filter(Boolean);
}

/**
 * The three keyword lists as glossary concepts, aligned one-to-one by position (`keyword-1` …).
 * @throws ArticleFormatError when the lists differ in length.
 */
export function alignKeywords(lists: Record<Lang, string[]>): Concept[] {
  const n = lists.kk.length;
  if (lists.ru.length !== n || lists.en.length !== n) {
    throw new ArticleFormatError(
      `the keyword lists differ in length (kk ${n}, ru ${lists.ru.length}, en ${lists.en.length}) but must align one-to-one`,
    );
  }
  return lists.kk.map((kk, i) => ({ id: `keyword-${i + 1}`, kk: [kk], ru: [lists.ru[i]], en: [lists.en[i]] }));
}

/** The article's keyword concepts, from the parsed official sections (each language has a `keywords` section: parseArticle checks it). */
export function keywordConcepts(official: Section[]): Concept[] {
  const list = (lang: Lang) => keywordTerms(official.find((s) => s.id === 'keywords' && s.lang === lang)!.paragraphs[0]);
  return alignKeywords(Object.fromEntries(LANGS.map((lang) => [lang, list(lang)])) as Record<Lang, string[]>);
}
