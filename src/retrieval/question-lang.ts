import type { Chunk } from '../chunking/chunk.js';
import { LANGS, type Lang } from '../corpus/types.js';
import { hasKazakhLetters, kazakhLatinToCyrillic, russianLatinToCyrillic, stem, words } from '../text/fold.js';
import { isStopword, isStopwordIn } from '../text/stopwords.js';

/** The article's own word stems per language (each chunk's words stemmed by its language's rules). */
export type Vocabulary = Record<Lang, Set<string>>;

/** The stems of the article's words, per language. Pure. */
export function articleVocabulary(chunks: ReadonlyArray<Pick<Chunk, 'text' | 'lang'>>): Vocabulary {
  const vocab = Object.fromEntries(LANGS.map((l) => [l, new Set<string>()])) as Vocabulary;
  for (const c of chunks) for (const w of words(c.text)) vocab[c.lang].add(stem(w, c.lang));
  return vocab;
}

/**
 * Kazakh typed on a Russian keyboard has no Kazakh letters, so for Cyrillic text without them the
 * language whose stemming finds more of the article's own words (in that language) wins; a tie
 * keeps `guess`. English guesses and text with Kazakh letters keep `guess`.
 */
export function resolveCyrillicLang(text: string, guess: Lang, vocab: Vocabulary): Lang {
  if (guess === 'en' || hasKazakhLetters(text) || !/[а-яё]/i.test(text)) return guess;
  const content = words(text).filter((w) => !isStopword(w));
  const hits = (l: Lang) => content.filter((w) => vocab[l].has(stem(w, l))).length;
  const kk = hits('kk');
  const ru = hits('ru');
  return kk > ru ? 'kk' : ru > kk ? 'ru' : guess;
}

/**
 * How a Latin-letter question reads best: as English, as Kazakh in the Latin alphabet ("maqalanyn
 * maqsaty", "al besinshisi she?") or as Russian typed in Latin letters ("kakie vyvody v statye?"):
 * the reading in which more of its words, transliterated, are that language's function words or the
 * article's words in it. English wins a tie, then Kazakh.
 */
export function latinReading(text: string, vocab: Vocabulary): Lang {
  const latin = text.toLowerCase().match(/[a-z\u00C0-\u024F']+/g) ?? [];
  const hits = (lang: Lang, read: (w: string) => string) =>
    latin.map((w) => words(read(w))[0] ?? '').filter((w) => w && (isStopwordIn(w, lang) || vocab[lang].has(stem(w, lang)))).length;
  const en = hits('en', (w) => w);
  const kk = hits('kk', kazakhLatinToCyrillic);
  const ru = hits('ru', russianLatinToCyrillic);
  return ru > kk && ru > en ? 'ru' : kk > en ? 'kk' : 'en';
}
