import type { Chunk } from '../chunking/chunk.js';
import type { Lang } from '../corpus/types.js';
import { sectionTitle } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { Glossary } from '../text/glossary.js';
import { analyze, CONCEPT_PREFIX, type Term } from '../text/analyze.js';
import { kazakhLatinToCyrillic, stem, words } from '../text/fold.js';
import { isStopword } from '../text/stopwords.js';
import { splitSentences } from '../text/sentences.js';
import { coverage } from './abstain.js';
import { isPlaceName } from '../text/countries.js';
import { createBm25 } from './bm25.js';

/** Nearest chunks to a query vector: chunk indexes and cosine similarities, best first. */
export type VectorSearch = (vector: number[], k: number) => { ids: number[]; scores: number[] };

/** Weights of the fused score. */
export interface FusionWeights {
  /** Vector similarity, min-max normalised over the neighbours found. */
  vector: number;
  /** BM25 over stems and concepts, normalised by the best chunk. */
  lexical: number;
  /** Share of the question's weight found together in one sentence of the chunk. */
  sentence: number;
  /** Bonus for chunks of a section the question names ("the fourth finding", "methods", "keywords"). */
  section: number;
}

export const DEFAULT_WEIGHTS: FusionWeights = { vector: 0.2, lexical: 0.3, sentence: 0.45, section: 0.4 };

/**
 * Sections about the article rather than its content (its title and keywords, who wrote it, where
 * it is published, what it cites): their scores count this much unless the question names them, so "the analysis of the
 * research results" in the author contributions does not outrank the results themselves.
 */
export const META_SECTIONS = ['title', 'keywords', 'authors', 'author-details', 'author-contributions', 'conflict-of-interest', 'publication', 'copyright', 'references'];
export const META_PRIOR = 0.8;
/** The same for the sections about the authors and the publication when a question speaks of "the authors" as the article's voice ("what do the authors propose?"). */
export const VOICE_PRIOR = 0.5;

/** A word in more than this share of the chunks is too common to be the topic a question steers by. */
export const COMMON_SHARE = 0.4;

/**
 * Sections about the authors and the publication: words found only there (the authors' city, street,
 * e-mail; the publisher's address) answer only questions about the authors or the publication.
 */
export const ABOUT_SECTIONS = ['authors', 'author-details', 'author-contributions', 'conflict-of-interest', 'publication', 'copyright'];
/** The glossary concept of the word "authors", and the concepts that ask about the authors as persons (with their names). */
const AUTHORS = 'authors';
const AUTHOR_TOPICS = new Set(['workplace', 'university', 'email', 'contributions', 'gumilyov', 'parliamentarism', 'tashkent']);

export interface Scored {
  /** The question's content words. */
  terms: Term[];
  /** Fused score of every chunk (same order as the chunks). */
  fused: Float64Array;
  /** Coverage of the question by a set of chunks taken together, in [0, 1]. */
  coverage(members: number[]): number;
  /**
   * For a question that only names sections ("the main findings", "methods"): true for the chunks
   * of those sections, which are then best read in the article's order. Undefined otherwise.
   */
  browsing?: (chunk: number) => boolean;
}

/**
 * Scores every chunk for a question: HNSW (or any) vector search fused with a language-aware
 * BM25 and a best-sentence coverage score. Chunk analyses are computed once, here.
 */
export function createScorer(deps: { chunks: Chunk[]; glossary: Glossary; embedder: Embedder; search: VectorSearch; weights?: FusionWeights; bm25?: { k1: number; b: number } }) {
  const { chunks, glossary, embedder, search, weights = DEFAULT_WEIGHTS } = deps;
  const titles = new Map<string, string[]>();
  const titleTokens = (sectionId: string): string[] => {
    if (!titles.has(sectionId)) {
      const tokens = (['kk', 'ru', 'en'] as Lang[]).flatMap((l) => analyze(sectionTitle(sectionId, l), glossary, l).tokens);
      const finding = /^results\/finding-(\d)$/.exec(sectionId);
      titles.set(sectionId, finding ? [...tokens, `${CONCEPT_PREFIX}finding-${finding[1]}`] : tokens);
    }
    return titles.get(sectionId)!;
  };
  // a chunk (and each of its sentences) also answers to its section's name in the three languages
  const bm25 = createBm25(chunks.map((c) => [...analyze(c.text, glossary, c.lang).tokens, ...titleTokens(c.sectionId)]), deps.bm25?.k1, deps.bm25?.b);
  const sentences = chunks.map((c) => splitSentences(c.text).map((s) => new Set([...analyze(s, glossary, c.lang).tokens, ...titleTokens(c.sectionId)])));
  const maxIdf = Math.log(1 + (chunks.length + 0.5) / 0.5);
  const idf = (t: string) => (bm25.df(t) === 0 ? maxIdf : bm25.idf(t));

  const sectionsOf = new Map(glossary.concepts.filter((c) => c.sections).map((c) => [c.id, c.sections!]));
  /**
   * For chunks in a section the question names: the share of the question's weight that names it
   * (1 for "the fourth finding", small when "authors" is one word of a long question); else 0.
   */
  const named = (terms: Term[]): ((c: Chunk) => number) => {
    const weightOf = (t: Term) => Math.max(idf(t.stem), ...t.concepts.map((id) => idf(CONCEPT_PREFIX + id)));
    const total = terms.reduce((sum, t) => sum + weightOf(t), 0);
    const targets = new Map<string, number>();
    for (const t of terms) {
      for (const s of new Set(t.concepts.flatMap((id) => sectionsOf.get(id) ?? []))) targets.set(s, (targets.get(s) ?? 0) + weightOf(t) / total);
    }
    return (c) => Math.max(0, ...[...targets].filter(([s]) => c.sectionId === s || c.sectionId.startsWith(`${s}/`)).map(([, share]) => share));
  };
  const vocab: Record<Lang, Set<string>> = { kk: new Set(), ru: new Set(), en: new Set() };
  chunks.forEach((c) => { for (const w of words(c.text)) vocab[c.lang].add(stem(w, c.lang)); });

  /**
   * Kazakh typed on a Russian keyboard has no Kazakh letters, so for Cyrillic text without them the
   * language whose stemming finds more of the article's own words (in that language) wins; a tie
   * keeps `guess`.
   */
  function resolveLang(text: string, guess: Lang): Lang {
    if (guess === 'en' || /[әғқңөұүһі]/i.test(text) || !/[а-яё]/i.test(text)) return guess;
    const content = words(text).filter((w) => !isStopword(w));
    const hits = (l: Lang) => content.filter((w) => vocab[l].has(stem(w, l))).length;
    const kk = hits('kk');
    const ru = hits('ru');
    return kk > ru ? 'kk' : ru > kk ? 'ru' : guess;
  }

  const about = (sectionId: string) => ABOUT_SECTIONS.includes(sectionId.split('/')[0]);
  const elsewhere = new Set(chunks.flatMap((c) => (about(c.sectionId) ? [] : [...analyze(c.text, glossary, c.lang).tokens, ...titleTokens(c.sectionId)])));
  const personal = new Set(glossary.concepts.filter((c) => c.implies?.includes(AUTHORS)).map((c) => c.id));
  /** True for a term that asks about the authors as persons: a name, their workplace, e-mail, contributions. */
  const authorTopic = (t: Term) => t.concepts.some((c) => AUTHOR_TOPICS.has(c) || personal.has(c));
  /** True for a term that asks about the authors or the publication (DOI, licence, conflict of interest). */
  const metaTopic = (t: Term) => authorTopic(t) || t.concepts.some((c) => c === AUTHORS || (sectionsOf.get(c) ?? []).some(about));

  /**
   * True when a Latin-letter question reads better as Kazakh in the Latin alphabet ("maqalanyn
   * maqsaty", "al besinshisi she?") than as English: more of its words, transliterated, are the
   * article's Kazakh words or Kazakh function words than are its English words or English function words.
   */
  function readsAsKazakhLatin(text: string): boolean {
    const latin = text.toLowerCase().match(/[a-z\u00C0-\u024F]+/g) ?? [];
    const en = latin.filter((w) => isStopword(w) || vocab.en.has(stem(w, 'en'))).length;
    const kk = latin.map((w) => words(kazakhLatinToCyrillic(w))[0] ?? '').filter((w) => w && (isStopword(w) || vocab.kk.has(stem(w, 'kk')))).length;
    return kk > en;
  }

  async function score(text: string, lang: Lang): Promise<Scored> {
    const { terms, voice } = articleVoice(analyze(text, glossary, lang).terms);
    const fused = new Float64Array(chunks.length);
    const names = new Set([...properNames(text, lang), ...terms.filter((t) => isPlaceName(t.stem, lang)).map((t) => t.stem)]);
    // "weather in Astana": a word found only in the authors' details does not answer a question that is not about them
    const metaQuestion = terms.some(metaTopic);
    const counts = (token: string) => metaQuestion || elsewhere.has(token);
    const covers = (members: number[]) => coverage(terms, { has: (t) => counts(t) && members.some((m) => bm25.has(m, t)), known: (t) => counts(t) && bm25.df(t) > 0, idf, names });
    if (terms.length === 0) return { terms, fused, coverage: covers };
    // the article's voice still finds its own word ("the authors analyse …"), by stem only
    const qTokens = [...queryTokens(terms), ...voice.map((t) => t.stem)];
    const lexical = bm25.scores(qTokens.map((token) => ({ token })));
    const maxLex = Math.max(...lexical);
    const unique = [...new Set(qTokens)];
    const weightsOf = unique.map(idf);
    const total = weightsOf.reduce((a, b) => a + b, 0);
    const [qv] = await embedder.embedQueries([text]);
    const found = search(Array.from(qv), Math.min(chunks.length, 64));
    const inNamedSection = named(terms);
    // "what does the article find about fraud": the findings are steered to only where they speak of fraud
    const topical = queryTokens(terms.filter((t) => !t.concepts.some((id) => sectionsOf.has(id))));
    const onTopic = (i: number) => topical.length === 0 || topical.some((t) => bm25.has(i, t));
    const top = Math.max(...found.scores);
    const bottom = Math.min(...found.scores);
    const vector = new Float64Array(chunks.length);
    found.ids.forEach((id, i) => { vector[id] = top > bottom ? (found.scores[i] - bottom) / (top - bottom) : 1; });
    // only whole sections are browsed: "the fourth finding" wants that finding first, not the list
    // nor "the formal legal method": a concept that steers to a section without being its name is one item of it
    const specific = terms.some((t) => t.concepts.some((id) => (sectionsOf.get(id) ?? []).some((s) => s.includes('/') || !titleTokens(s).includes(CONCEPT_PREFIX + id))));
    // a word the article never uses, or uses everywhere ("AI", "law", "use"), is no topic within a list:
    // "which methods did the authors use?" asks for the methods
    const listTopic = topical.filter((token) => bm25.df(token) > 0 && bm25.df(token) <= COMMON_SHARE * chunks.length);
    const browsing = listTopic.length === 0 && !specific ? (i: number) => inNamedSection(chunks[i]) > 0 : undefined;
    for (let i = 0; i < chunks.length; i++) {
      let best = 0;
      for (const set of sentences[i]) {
        let s = 0;
        unique.forEach((t, k) => { if (set.has(t)) s += weightsOf[k]; });
        best = Math.max(best, s);
      }
      const named = onTopic(i) ? inNamedSection(chunks[i]) : 0;
      const prior = named > 0 ? 1 : voice.length > 0 && about(chunks[i].sectionId) ? VOICE_PRIOR : META_SECTIONS.includes(chunks[i].sectionId.split('/')[0]) ? META_PRIOR : 1;
      fused[i] = prior * (weights.lexical * (maxLex > 0 ? lexical[i] / maxLex : 0) + weights.vector * vector[i] + weights.sentence * (best / total))
        + weights.section * named;
    }
    return { terms, fused, coverage: covers, browsing };
  }
  /**
   * "Which methods did the authors use?", "какие выводы сделали авторы?": "the authors" is how people
   * name the article's voice, so unless the question is about the authors themselves (only author
   * words: "who are the authors?", "where do the authors work?") the word is taken out of the
   * question's terms (no steering to the author sections, no part in coverage) and searched by its
   * stem only, as any word of the text.
   */
  function articleVoice(all: Term[]): { terms: Term[]; voice: Term[] } {
    const isVoice = (t: Term) => t.concepts.includes(AUTHORS) && !t.concepts.some((c) => personal.has(c));
    const others = all.filter((t) => !isVoice(t));
    return others.length > 0 && others.some((t) => !authorTopic(t)) ? { terms: others, voice: all.filter(isVoice) } : { terms: all, voice: [] };
  }
  return { score, resolveLang, readsAsKazakhLatin };
}

/**
 * What a question is searched by: a word that belongs to a glossary concept by its concepts only
 * (the same weight whatever the language), any other word by its stem.
 */
export function queryTokens(terms: Term[]): string[] {
  return terms.flatMap((t) => (t.concepts.length > 0 ? t.concepts.map((c) => CONCEPT_PREFIX + c) : [t.stem]));
}


/** Stems of the words after the first that start with a capital letter ("How does China …" → china). */
export function properNames(text: string, lang: Lang): Set<string> {
  const raw = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(raw.slice(1).filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).map((w) => stem(w, lang)));
}
