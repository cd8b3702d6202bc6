import type { Lang } from '../corpus/types.js';
import { stem, words } from './fold.js';
import { detectLang } from './lang.js';
import { isStopword } from './stopwords.js';
import { SENSE_STEM_LEN, type Glossary } from './glossary.js';

/** One content word of a text with what it can match by. */
export interface Term {
  /** Light stem, e.g. `жауапк`. */
  stem: string;
  /** Glossary concepts this word is part of, e.g. `['liability']`. */
  concepts: string[];
}

/** The terms a text is indexed or searched by. */
export interface Analysis {
  /** Content words (function words dropped), in text order. */
  terms: Term[];
  /** Every stem and every `#concept` of the text, with repeats: the bag of words for BM25 and the embedder. */
  tokens: string[];
}

/** Prefix that marks a concept token, so `#law` never collides with a word. */
export const CONCEPT_PREFIX = '#';

/**
 * Analyses a text into content words, stems and glossary concepts. Pure given the glossary.
 * `lang` picks the stemming rules for Cyrillic words (detected from the text when not given).
 * ```ts
 * analyze('What does the article find about criminal liability?', glossary).tokens
 * // → ['find', 'crimin', 'liabil', '#findings', '#criminal-law', '#liability']
 * ```
 */
export function analyze(
  text: string,
  glossary: Glossary,
  lang: Lang = detectLang(text).lang,
  options: { question?: boolean } = {},
): Analysis {
  const all = words(text);
  const stems = all.map((w) => stem(w, lang));
  const ordered = glossary.match(
    stems,
    all.map((w) => stem(w, lang, SENSE_STEM_LEN)),
  );
  // a question is a bag of words: its concepts' words may stand apart and in any order
  const matches = options.question ? [...ordered, ...glossary.matchAnyOrder(stems, ordered)] : ordered;
  const conceptsAt: string[][] = all.map(() => []);
  for (const m of matches)
    for (const at of m.positions ?? Array.from({ length: m.length }, (_, k) => m.start + k)) conceptsAt[at].push(m.id);
  const terms: Term[] = [];
  all.forEach((w, i) => {
    const content = (w.length > 1 || /\d/.test(w)) && !isStopword(w);
    if (content || conceptsAt[i].length > 0) terms.push({ stem: stems[i], concepts: conceptsAt[i] });
  });
  const tokens = [...terms.map((t) => t.stem), ...matches.map((m) => CONCEPT_PREFIX + m.id)];
  return { terms, tokens };
}

/** Character 4-grams of each content word, with word boundaries (`^кибе`, `ков$`): typo and inflection tolerant. */
export function charGrams(text: string, n = 4): string[] {
  const grams: string[] = [];
  for (const w of words(text)) {
    if (isStopword(w)) continue;
    const padded = `^${w}$`;
    if (padded.length <= n) {
      grams.push(padded);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}
