import { LANGS } from '../corpus/types.js';
import type { ArticleService } from '../retrieval/types.js';
import { kazakhLatinToCyrillic, stem, words } from '../text/fold.js';

/** Whether the article uses a word, in any of its languages and forms. */
export type Knows = (word: string) => boolean;

/**
 * The article's vocabulary from the service's own sections (every language the service shows):
 * a word is known when one of its stems (Kazakh, Russian or English rules; Kazakh in Latin letters
 * transliterated first) is a stem of an article word.
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
  return (word) => words(word).some((w) => stemsOf(w).some((s) => stems.has(s)));
}

function stemsOf(w: string): string[] {
  if (/^[a-z]/.test(w)) return [stem(w, 'en'), stem(kazakhLatinToCyrillic(w), 'kk')];
  return [stem(w, 'kk'), stem(w, 'ru')];
}
