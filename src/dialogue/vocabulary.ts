import { LANGS } from '../corpus/types.js';
import type { ArticleService } from '../retrieval/types.js';
import { kazakhLatinToCyrillic, stem, words } from '../text/fold.js';

/** Whether the article uses a word, in any of its languages and forms. */
export type Knows = (word: string) => boolean;

/**
 * The article's vocabulary from the service's own sections (every language the service shows):
 * a word is known when one of its stems (Kazakh, Russian or English rules; Kazakh in Latin letters
 * transliterated first) is a stem of an article word, or begins with the same five letters as one.
 * ```ts
 * const knows = articleVocabulary(service); knows('Евросоюзе') === true; knows('China') === false
 * ```
 */
export function articleVocabulary(service: ArticleService): Knows {
  const stems = new Set<string>();
  for (const id of service.sectionIds()) {
    for (const lang of LANGS) {
      for (const chunk of service.section(id, lang)) for (const w of words(chunk.text)) for (const s of stemsOf(w)) stems.add(s);
    }
  }
  const heads = new Set([...stems].filter((s) => s.length >= SHARED_HEAD).map((s) => s.slice(0, SHARED_HEAD)));
  return (word) =>
    words(word).some((w) => stemsOf(w).some((s) => stems.has(s) || (s.length >= SHARED_HEAD && heads.has(s.slice(0, SHARED_HEAD)))));
}

/**
 * Letters two stems share at their start to count as one word whose root alternates (утвердили and
 * утверждённая: д/жд; защитить and защищённый: т/щ).
 */
const SHARED_HEAD = 5;

/** Stems of a folded word by every rule that may apply; Kazakh ones with й read as и (Kazakh Latin writes both as i). */
export function stemsOf(w: string): string[] {
  if (/^[a-z]/.test(w)) return [stem(w, 'en'), stem(kazakhLatinToCyrillic(w).replace(/й/g, 'и'), 'kk')];
  return [stem(w.replace(/й/g, 'и'), 'kk'), stem(w, 'ru')];
}

/** Shortest stem that matches a longer one it begins ("crim" of "crimes" and "crime"). */
const MIN_SHARED = 4;

/** Whether a word is one of a text's words, in any of its forms ("crimes" in "AI and crime"). */
export function sharesStem(text: string): Knows {
  const stems = [...new Set(words(text).flatMap(stemsOf))];
  const same = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= MIN_SHARED && (a.startsWith(b) || b.startsWith(a)));
  return (word) => words(word).some((w) => stemsOf(w).some((s) => stems.some((t) => same(s, t))));
}
