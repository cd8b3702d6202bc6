import type { Chunk } from '../chunking/chunk.js';
import { LANGS, type Lang } from '../corpus/types.js';
import { findingNumber, sectionTitle } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { Glossary } from '../text/glossary.js';
import { analyze, CONCEPT_PREFIX, type Term } from '../text/analyze.js';
import { fold, stem, words } from '../text/fold.js';
import { splitSentences } from '../text/sentences.js';
import { isPlaceName } from '../text/countries.js';
import { focusWord } from '../text/focus.js';
import { coverage } from './abstain.js';
import { createBm25 } from './bm25.js';
import {
  bestSentenceWeight,
  DEFAULT_WEIGHTS,
  fuse,
  namedSections,
  namedShare,
  normaliseVector,
  sectionPrior,
  type FusionWeights,
} from './fusion.js';
import { articleVocabulary, latinReading, resolveCyrillicLang } from './question-lang.js';
import { createTopics, isAboutSection } from './topics.js';

/** Nearest chunks to a query vector: chunk indexes and cosine similarities, best first. */
export type VectorSearch = (vector: number[], k: number) => { ids: number[]; scores: number[] };

/** A word in more than this share of the chunks is too common to be the topic a question steers by. */
export const COMMON_SHARE = 0.4;
/**
 * What a passage naming only other authors than the ones a question names counts (`what did Saimova contribute?` → not Berdiyarova's
 * paragraph).
 */
export const OTHER_AUTHOR_PRIOR = 0.3;

/**
 * How much a passage counts for a question naming authors (`asked`), by the authors it names
 * (`named`): fully when it names only asked ones (or none, or the question none), `OTHER_AUTHOR_PRIOR`
 * when it names only others, in between by the share of asked ones (the list of all three authors
 * for a question about one of them). Pure.
 */
export function authorPrior(asked: ReadonlySet<string>, named: readonly string[]): number {
  if (asked.size === 0 || named.length === 0) return 1;
  const share = named.filter((a) => asked.has(a)).length / named.length;
  return OTHER_AUTHOR_PRIOR + (1 - OTHER_AUTHOR_PRIOR) * share;
}
/** Neighbours asked of the vector search (all chunks when fewer): enough for every place a page can show. */
const VECTOR_NEIGHBOURS = 64;

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
  /**
   * The word naming what the question asks about, as written, when the article never uses it: a
   * glossary concept's narrower wording ("deepfakes", found through "fraud") or a word it never
   * writes at all ("штрафы"). An answer says so above its passages.
   */
  unnamed?: string;
}

/**
 * Scores every chunk for a question: HNSW (or any) vector search fused (fusion.ts) with a
 * language-aware BM25, a best-sentence coverage score and the sections the question names, under
 * the priors of who the question is about (topics.ts). Chunk analyses are computed once, here.
 */
export function createScorer(deps: {
  chunks: Chunk[];
  glossary: Glossary;
  embedder: Embedder;
  search: VectorSearch;
  weights?: FusionWeights;
}) {
  const { chunks, glossary, embedder, search, weights = DEFAULT_WEIGHTS } = deps;
  const titles = new Map<string, string[]>();
  const titleTokens = (sectionId: string): string[] => {
    if (!titles.has(sectionId)) {
      const tokens = LANGS.flatMap((l) => analyze(sectionTitle(sectionId, l), glossary, l).tokens);
      // a finding also answers to its ordinal ("the fourth finding"): the glossary concepts finding-1 … finding-5
      const finding = findingNumber(sectionId);
      titles.set(sectionId, finding ? [...tokens, `${CONCEPT_PREFIX}finding-${finding}`] : tokens);
    }
    return titles.get(sectionId)!;
  };
  // a chunk (and each of its sentences) also answers to its section's name in the three languages
  const bm25 = createBm25(chunks.map((c) => [...analyze(c.text, glossary, c.lang).tokens, ...titleTokens(c.sectionId)]));
  const sentences = chunks.map((c) =>
    splitSentences(c.text).map((s) => new Set([...analyze(s, glossary, c.lang).tokens, ...titleTokens(c.sectionId)])),
  );
  const maxIdf = Math.log(1 + (chunks.length + 0.5) / 0.5);
  const idf = (t: string) => (bm25.df(t) === 0 ? maxIdf : bm25.idf(t));
  const weightOf = (t: Term) => Math.max(idf(t.stem), ...t.concepts.map((id) => idf(CONCEPT_PREFIX + id)));
  const sectionsOf = new Map(glossary.concepts.filter((c) => c.sections).map((c) => [c.id, c.sections!]));
  const vocab = articleVocabulary(chunks);
  // tokens outside the sections about the authors and the publication
  const elsewhere = new Set(
    chunks.flatMap((c) => (isAboutSection(c.sectionId) ? [] : [...analyze(c.text, glossary, c.lang).tokens, ...titleTokens(c.sectionId)])),
  );
  const aboutOnly = (t: Term) => queryTokens([t]).every((token) => bm25.df(token) > 0 && !elsewhere.has(token));
  const topics = createTopics(glossary, { aboutOnly });
  // the authors each chunk names (by their glossary concepts)
  const authorsIn = chunks.map((_, i) =>
    glossary.concepts.filter((c) => c.implies?.includes('authors') && bm25.has(i, CONCEPT_PREFIX + c.id)).map((c) => c.id),
  );

  /** Whether the article writes a word in some form: an article word starts with its first letters ("uni" → university). */
  const articleWords = [...new Set(chunks.flatMap((c) => words(c.text)))];
  const written = (word: string) => {
    // an ending is no new word: "коды" → код (кодекс), "fines" → fine; "uni" → university
    const head = /^[a-z]/.test(word) ? word.replace(/s$/, '').slice(0, 6) : word.slice(0, Math.max(3, Math.min(6, word.length - 1)));
    return articleWords.some((w) => w.startsWith(head));
  };

  async function score(text: string, lang: Lang): Promise<Scored> {
    const analysed = topics.articleVoice(analyze(text, glossary, lang, { question: true }).terms);
    const { voice } = analysed;
    const terms = topics.wholeArticle(words(text), analysed.terms);
    const fused = new Float64Array(chunks.length);
    const names = new Set([...properNames(text, lang), ...terms.filter((t) => isPlaceName(t.stem, lang)).map((t) => t.stem)]);
    // "Какие штрафы …?": the thing asked for weighs more when the article never uses it (a shortening like "uni" is no new word)
    const askedWord = focusWord(text, lang);
    const focus = askedWord !== undefined && !written(askedWord) ? stem(askedWord, lang) : undefined;
    // "deepfakes", found through "fraud": the reply says the word itself is not in the article
    const byMeaning = askedWord !== undefined && glossary.isNarrower(stem(askedWord, lang));
    // … and "What are the fines for …?": a thing the article never writes, answered (if at all) by what is nearest
    const focusTerm = focus === undefined ? undefined : terms.find((t) => t.stem === focus);
    const absent = focusTerm !== undefined && focusTerm.concepts.length === 0;
    const unnamed =
      byMeaning || absent ? ((text.match(/[\p{L}\p{N}]+/gu) ?? []).find((w) => fold(w) === askedWord) ?? askedWord) : undefined;
    // "weather in Astana": a word found only in the authors' details does not answer a question that is not about them
    // … and "how does a neural network work?": beside a word the article never uses, an everyday author word ("work") covers nothing
    const unknown = terms.some((t) => queryTokens([t]).every((token) => bm25.df(token) === 0));
    const everyday = new Set(unknown ? queryTokens(terms.filter(topics.everydayTopic)) : []);
    const metaQuestion = terms.some((t) => topics.metaTopic(t) && !everyday.has(queryTokens([t])[0]));
    const counts = (token: string) => (metaQuestion || elsewhere.has(token)) && !everyday.has(token);
    const covers = (members: number[]) =>
      coverage(terms, {
        has: (t) => counts(t) && members.some((m) => bm25.has(m, t)),
        known: (t) => counts(t) && bm25.df(t) > 0,
        idf,
        names,
        focus,
      });
    if (terms.length === 0) return { terms, fused, coverage: covers, unnamed };
    // the article's voice still finds its own word ("the authors analyse …"), by stem only
    const qTokens = [...queryTokens(terms), ...voice.map((t) => t.stem)];
    const lexical = bm25.scores(qTokens.map((token) => ({ token })));
    const maxLex = Math.max(...lexical);
    const unique = [...new Set(qTokens)];
    const weightsOf = unique.map(idf);
    const total = weightsOf.reduce((a, b) => a + b, 0);
    const [qv] = await embedder.embedQueries([text]);
    const vector = normaliseVector(search(Array.from(qv), Math.min(chunks.length, VECTOR_NEIGHBOURS)), chunks.length);
    const targets = namedSections(terms, weightOf, sectionsOf);
    // "what does the article find about fraud": the findings are steered to only where they speak of fraud
    // (a word the article never uses is on topic nowhere, so it does not count)
    const topical = queryTokens(terms.filter((t) => !t.concepts.some((id) => sectionsOf.has(id)))).filter((token) => bm25.df(token) > 0);
    const onTopic = (i: number) => topical.length === 0 || topical.some((t) => bm25.has(i, t));
    // only whole sections are browsed: "the fourth finding" wants that finding first, not the list
    // nor "the formal legal method": a concept that steers to a section without being its name is one item of it
    const specific = terms.some((t) =>
      t.concepts.some((id) => (sectionsOf.get(id) ?? []).some((s) => s.includes('/') || !titleTokens(s).includes(CONCEPT_PREFIX + id))),
    );
    // a word the article never uses, or uses everywhere ("AI", "law", "use"), is no topic within a list:
    // "which methods did the authors use?" asks for the methods
    const listTopic = topical.filter((token) => bm25.df(token) > 0 && bm25.df(token) <= COMMON_SHARE * chunks.length);
    // "what did Saimova contribute?": one author's item, not the list; a passage about other authors is not about her
    const asked = topics.namedAuthors(terms);
    const browsing =
      listTopic.length === 0 && !specific && asked.size === 0 ? (i: number) => namedShare(targets, chunks[i].sectionId) > 0 : undefined;
    for (let i = 0; i < chunks.length; i++) {
      const named = onTopic(i) ? namedShare(targets, chunks[i].sectionId) : 0;
      const parts = {
        lexical: maxLex > 0 ? lexical[i] / maxLex : 0,
        vector: vector[i],
        sentence: bestSentenceWeight(sentences[i], unique, weightsOf) / total,
        named,
      };
      fused[i] = fuse(parts, sectionPrior(chunks[i].sectionId, named, voice.length > 0) * authorPrior(asked, authorsIn[i]), weights);
    }
    return { terms, fused, coverage: covers, browsing, unnamed };
  }

  return {
    score,
    /** The language of a Cyrillic question without Kazakh letters, by the article's own words (question-lang.ts). */
    resolveLang: (text: string, guess: Lang) => resolveCyrillicLang(text, guess, vocab),
    /** True when a Latin-letter question reads as Kazakh in the Latin alphabet (question-lang.ts). */
    latinReading: (text: string) => latinReading(text, vocab),
  };
}

/**
 * What a question is searched by: a word that belongs to a glossary concept by its concepts only
 * (the same weight whatever the language), any other word by its stem.
 */
export function queryTokens(terms: Term[]): string[] {
  return terms.flatMap((t) => (t.concepts.length > 0 ? t.concepts.map((c) => CONCEPT_PREFIX + c) : [t.stem]));
}

/**
 * Stems of the words that name something: after the first word, those that start with a capital
 * letter ("How does China …" → china); anywhere, those with a capital after a small letter
 * ("ChatGPT-ті кім жасады?", "OpenAI").
 */
export function properNames(text: string, lang: Lang): Set<string> {
  const raw = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const isName = (w: string, i: number) => (i > 0 && /^\p{Lu}\p{Ll}/u.test(w)) || /\p{Ll}\p{Lu}/u.test(w);
  return new Set(raw.filter(isName).map((w) => stem(w, lang)));
}
