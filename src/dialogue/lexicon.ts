import { LANGS, type Lang } from '../corpus/types.js';
import { detectLang } from '../text/lang.js';
import { fold, hasKazakhLetters, kazakhLatinToCyrillic } from '../text/fold.js';
import { WORDS, type DialogueWords } from './words.js';

/** One word of a message: where it is, and the key it is looked up by in its language's lists. */
export interface Token {
  text: string;
  start: number;
  end: number;
  key: string;
}

/** A list of words (keys; a key ending in `*` is a stem) and one of phrases (key sequences). */
export interface WordList {
  words: Set<string>;
  stems: string[];
  phrases: string[][];
}

/** The compiled lists of one language. */
export type Lexicon = { [K in Exclude<keyof DialogueWords, 'languages' | 'social' | 'socialPhrases' | 'ordinals'>]: WordList } & {
  languages: Record<Lang | 'original', WordList>;
  social: Record<'greeting' | 'thanks' | 'bye' | 'chatter', WordList>;
  socialPhrases: Record<'about' | 'howAreYou', WordList>;
  ordinals: WordList[];
};

/** A message split into words, with the language whose lists it is read by. */
export interface Analysed {
  text: string;
  lang: Lang;
  tokens: Token[];
  lex: Lexicon;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The key of a word in a language's lists: folded; Latin words are transliterated for Kazakh and Russian; Kazakh й read as и. */
export function keyOf(word: string, lang: Lang): string {
  const lower = word.normalize('NFC').toLowerCase();
  if (lang === 'en') return fold(lower);
  const folded = fold(/[a-z\u00C0-\u024F]/.test(lower) ? kazakhLatinToCyrillic(lower) : lower);
  // Kazakh Latin writes й as i ("qaida" = қайда): both are и in Kazakh keys
  return lang === 'kk' ? folded.replace(/й/g, 'и') : folded;
}

/** A word list of a language from its text in `words.ts`: `|` separates phrases, else words; a trailing `*` makes a stem. */
export function compile(text: string, lang: Lang): WordList {
  const list: WordList = { words: new Set(), stems: [], phrases: [] };
  const entries = text.includes('|') ? text.split('|') : text.split(/\s+/);
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    const keys = entry.split(/\s+/).map((w) => (w.endsWith('*') ? `${keyOf(w.slice(0, -1), lang)}*` : keyOf(w, lang)));
    // a phrase entry ("what about") is matched as a whole; the words of a plain list one by one
    if (keys.length > 1 && text.includes('|')) {
      list.phrases.push(keys);
      continue;
    }
    for (const k of keys) {
      if (k.endsWith('*')) list.stems.push(k.slice(0, -1));
      else list.words.add(k);
    }
  }
  return list;
}

const mapValues = <K extends string, V, W>(o: Record<K, V>, f: (v: V) => W): Record<K, W> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;

function compileLang(lang: Lang): Lexicon {
  const w = WORDS[lang];
  const c = (t: string) => compile(t, lang);
  return {
    connectives: c(w.connectives),
    closers: c(w.closers),
    anaphora: c(w.anaphora),
    aspects: c(w.aspects),
    interrogatives: c(w.interrogatives),
    sayVerbs: c(w.sayVerbs),
    more: c(w.more),
    fillers: c(w.fillers),
    requests: c(w.requests),
    languages: mapValues(w.languages, c),
    social: mapValues(w.social, c),
    socialPhrases: mapValues(w.socialPhrases, c),
    ordinals: w.ordinals.map(c),
  };
}

const LEXICONS = Object.fromEntries(LANGS.map((l) => [l, compileLang(l)])) as Record<Lang, Lexicon>;

/** The compiled lists of a language. */
export const lexicon = (lang: Lang): Lexicon => LEXICONS[lang];

/** True when a key is one of the list's words, or is one of its stems or that stem plus at least two letters. */
export function inList(list: WordList, key: string): boolean {
  return list.words.has(key) || list.stems.some((s) => key === s || (key.startsWith(s) && key.length >= s.length + 2));
}

/** Every word of every list of a language (to tell which language a short message is in). */
function allLists(lex: Lexicon): WordList[] {
  return [
    lex.connectives,
    lex.closers,
    lex.anaphora,
    lex.aspects,
    lex.interrogatives,
    lex.sayVerbs,
    lex.more,
    lex.fillers,
    ...Object.values(lex.languages),
    ...Object.values(lex.social),
    ...Object.values(lex.socialPhrases),
    ...lex.ordinals,
  ];
}

/**
 * Splits a message into words and picks the language to read it by: the one whose dialogue words
 * it uses most (so "рахмет", "tagy" and "al Resei she?" read as Kazakh), Kazakh letters counting
 * for Kazakh; on a tie, the language detected from the whole text.
 */
export function analyse(text: string): Analysed {
  const raw = [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const detected = detectLang(text);
  const score = (lang: Lang) => {
    const lists = allLists(LEXICONS[lang]);
    let n = raw.filter((t) => lists.some((l) => inList(l, keyOf(t.text, lang)))).length;
    if (lang === 'kk' && hasKazakhLetters(text)) n += 3;
    if (lang === detected.lang) n += 0.5;
    return n;
  };
  const candidates: Lang[] = /[\u0400-\u04FF]/.test(text) ? ['kk', 'ru'] : LANGS.slice();
  const lang = candidates.reduce(
    (best, l) => (score(l) > score(best) ? l : best),
    candidates.includes(detected.lang) ? detected.lang : candidates[0],
  );
  return { text, lang, tokens: raw.map((t) => ({ ...t, key: keyOf(t.text, lang) })), lex: LEXICONS[lang] };
}

/** Length of the phrase of `list` that starts at token `i` (0 when none does). */
export function phraseAt(list: WordList, tokens: Token[], i: number): number {
  let best = i < tokens.length && inList(list, tokens[i].key) ? 1 : 0;
  for (const p of list.phrases) {
    if (p.length > best && p.every((k, j) => tokens[i + j]?.key === k)) best = p.length;
  }
  return best;
}

/** The number (1–10) of an ordinal word, or 0. */
export function ordinalOf(lex: Lexicon, key: string): number {
  return lex.ordinals.findIndex((l) => inList(l, key)) + 1;
}
