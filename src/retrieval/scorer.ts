import type { Chunk } from '../chunking/chunk.js';
import type { Lang } from '../corpus/types.js';
import { sectionTitle } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { Glossary } from '../text/glossary.js';
import { analyze, CONCEPT_PREFIX, type Term } from '../text/analyze.js';
import { stem, words } from '../text/fold.js';
import { isStopword } from '../text/stopwords.js';
import { splitSentences } from '../text/sentences.js';
import { coverage } from './abstain.js';
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
 * Sections about the article rather than its content (who wrote it, where it is published, what it
 * cites): their scores count this much unless the question names them, so "the analysis of the
 * research results" in the author contributions does not outrank the results themselves.
 */
export const META_SECTIONS = ['authors', 'author-details', 'author-contributions', 'conflict-of-interest', 'publication', 'copyright', 'references'];
export const META_PRIOR = 0.8;

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

  async function score(text: string, lang: Lang): Promise<Scored> {
    const terms = analyze(text, glossary, lang).terms;
    const fused = new Float64Array(chunks.length);
    const names = properNames(text, lang);
    const covers = (members: number[]) => coverage(terms, { has: (t) => members.some((m) => bm25.has(m, t)), known: (t) => bm25.df(t) > 0, idf, names });
    if (terms.length === 0) return { terms, fused, coverage: covers };
    const qTokens = queryTokens(terms);
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
    const specific = terms.some((t) => t.concepts.some((id) => (sectionsOf.get(id) ?? []).some((s) => s.includes('/'))));
    const browsing = topical.length === 0 && !specific ? (i: number) => inNamedSection(chunks[i]) > 0 : undefined;
    for (let i = 0; i < chunks.length; i++) {
      let best = 0;
      for (const set of sentences[i]) {
        let s = 0;
        unique.forEach((t, k) => { if (set.has(t)) s += weightsOf[k]; });
        best = Math.max(best, s);
      }
      const named = onTopic(i) ? inNamedSection(chunks[i]) : 0;
      const prior = named === 0 && META_SECTIONS.includes(chunks[i].sectionId.split('/')[0]) ? META_PRIOR : 1;
      fused[i] = prior * (weights.lexical * (maxLex > 0 ? lexical[i] / maxLex : 0) + weights.vector * vector[i] + weights.sentence * (best / total))
        + weights.section * named;
    }
    return { terms, fused, coverage: covers, browsing };
  }
  return { score, resolveLang };
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
