import type { Chunk } from '../chunking/chunk.js';
import type { Lang } from '../corpus/types.js';
import { SECTION_ORDER, sectionTitle } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { LoadedIndex } from '../index/store.js';
import type { Glossary } from '../text/glossary.js';
import { analyze, CONCEPT_PREFIX, type Term } from '../text/analyze.js';
import { kazakhLatinToCyrillic } from '../text/fold.js';
import { DEFAULT_ABSTENTION, coverage, type AbstentionRule } from './abstain.js';
import { createBm25 } from './bm25.js';
import { detectLang } from '../text/lang.js';
import { groupPlaces, pickVariant, type Place } from './places.js';
import { cleanQuestion } from './question.js';
import type { Answer, ArticleService, AskOptions, Passage } from './types.js';

export interface ServiceDeps {
  index: LoadedIndex;
  embedder: Embedder;
  glossary: Glossary;
  /** Weights of the fused score: vector cosine, BM25 (normalised by the best), best-sentence coverage. */
  weights?: { vector: number; lexical: number; sentence: number };
}

/** Places scoring below this share of the best one are not offered (not even under "More"). */
const RELATIVE_FLOOR = 0.3;
const MAX_TOTAL = 12;

/**
 * Creates the article service over a loaded index: hybrid retrieval (HNSW vectors fused with BM25
 * over stems and glossary concepts), one passage per place in the article shown in the reader's
 * language, near-duplicates folded, and "the article does not say" when coverage is too low.
 * ```ts
 * const service = createArticleService({ index, embedder, glossary });
 * const answer = await service.ask('What does the article find about criminal liability?');
 * ```
 */
export function createArticleService(deps: ServiceDeps): ArticleService {
  const { index, embedder, glossary, weights = { vector: 0.25, lexical: 0.45, sentence: 0.3 } } = deps;
  const chunks = index.chunks;
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const docTokens = chunks.map((c) => [...analyze(c.text, glossary, c.lang).tokens, ...titleTokens(c.sectionId)]);
  // every sentence also answers to its section's name
  const sentenceTokens = chunks.map((c) => splitSentences(c.text).map((s) => new Set([...analyze(s, glossary, c.lang).tokens, ...titleTokens(c.sectionId)])));
  const bm25 = createBm25(docTokens);
  const places = groupPlaces(chunks);
  const rule = (index.meta.abstention as unknown as AbstentionRule) ?? DEFAULT_ABSTENTION;
  const maxIdf = Math.log(1 + (chunks.length + 0.5) / 0.5);

  /**
   * What a question is searched by: a word that belongs to a glossary concept by its concepts only
   * (the same weight whatever the language), any other word by its stem.
   */
  function queryTokens(terms: Term[]): string[] {
    return terms.flatMap((t) => (t.concepts.length > 0 ? t.concepts.map((c) => CONCEPT_PREFIX + c) : [t.stem]));
  }

  /** A chunk also answers to its section's name in the three languages (a finding to its ordinal). */
  function titleTokens(sectionId: string): string[] {
    const tokens = (['kk', 'ru', 'en'] as Lang[]).flatMap((l) => analyze(sectionTitle(sectionId, l), glossary, l).tokens);
    const finding = /^results\/finding-(\d)$/.exec(sectionId);
    return finding ? [...tokens, `#finding-${finding[1]}`] : tokens;
  }

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const { offset = 0, limit = 3 } = options;
    const query = cleanQuestion(question);
    const detected = detectLang(query);
    const lang = options.lang ?? detected.lang;
    const text = detected.kazakhLatin ? kazakhLatinToCyrillic(query) : query;
    const analysis = analyze(text, glossary, detected.lang);
    const none: Answer = { query, lang, answered: false, passages: [], total: 0 };
    if (analysis.terms.length === 0) return none;

    const lexical = bm25.scores(queryTokens(analysis.terms).map((token) => ({ token })));
    const maxLex = Math.max(...lexical);
    const [qv] = await embedder.embedQueries([text]);
    const k = Math.min(chunks.length, 64);
    const knn = index.hnsw.searchKnn(Array.from(qv), k);
    const vector = new Float64Array(chunks.length);
    knn.neighbors.forEach((id, i) => { vector[id] = 1 - knn.distances[i]; });
    const qTokens = [...new Set(queryTokens(analysis.terms))];
    const qIdf = qTokens.map((t) => (bm25.df(t) === 0 ? maxIdf : bm25.idf(t)));
    const qTotal = qIdf.reduce((a, b) => a + b, 0);
    const sentence = (i: number) => Math.max(0, ...sentenceTokens[i].map((set) => qTokens.reduce((sum, t, k) => sum + (set.has(t) ? qIdf[k] : 0), 0))) / qTotal;
    const fused = chunks.map((_, i) => weights.lexical * (maxLex > 0 ? lexical[i] / maxLex : 0) + weights.vector * vector[i] + weights.sentence * sentence(i));
    if (process.env.DEBUG_SCORES) for (const i of [...fused.keys()].sort((a, b) => fused[b] - fused[a]).slice(0, 6)) console.error(chunks[i].id, fused[i].toFixed(3), (lexical[i] / maxLex).toFixed(3), vector[i].toFixed(3), sentence(i).toFixed(3));

    const ranked = places
      .map((p) => ({ place: p, score: Math.max(...p.members.map((m) => fused[m])) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.place.order - b.place.order);
    if (ranked.length === 0) return none;
    const best = ranked[0];
    const idf = (t: string) => (bm25.df(t) === 0 ? maxIdf : bm25.idf(t));
    const cov = coverage(analysis.terms, (t) => best.place.members.some((m) => bm25.has(m, t)), idf);
    if (cov < rule.minCoverage) return { ...none };

    const kept = ranked.filter((r) => r.score >= RELATIVE_FLOOR * best.score).slice(0, MAX_TOTAL);
    const passages = kept.slice(offset, offset + limit).map((r, i) => toPassage(r.place, r.score, offset + i + 1, lang));
    return { query, lang, answered: true, passages, total: kept.length };
  }

  function toPassage(place: Place, score: number, rank: number, lang: Lang): Passage {
    const shown = pickVariant(place, chunks, lang);
    return {
      rank,
      id: shown.id,
      section: { id: shown.sectionId, title: sectionTitle(shown.sectionId, lang) },
      lang: shown.lang,
      text: shown.text,
      sourceText: shown.sourceText,
      score: Number(score.toFixed(4)),
      official: shown.official,
      alsoIn: place.alsoIn.map((id) => ({ id, title: sectionTitle(id, lang) })),
      citations: citations(shown.text, lang),
    };
  }

  function citations(text: string, lang: Lang): Array<{ n: number; text: string }> {
    const ns = [...new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])))];
    return ns.flatMap((n) => {
      const ref = reference(n, lang);
      return ref ? [{ n, text: ref }] : [];
    });
  }

  function reference(n: number, lang: Lang): string | undefined {
    const id = `references/${n}`;
    const inLang = chunks.find((c) => c.sectionId === id && c.lang === lang);
    return (inLang ?? chunks.find((c) => c.sectionId === id && c.lang === 'kk'))?.text.replace(/^\d{1,2}\.\s*/, '');
  }

  function variants(id: string): Chunk[] {
    const place = places.find((p) => p.members.some((m) => chunks[m].id === id));
    if (!place) return [];
    const canonical = place.members.map((m) => chunks[m]).filter((c) => c.sectionId === place.sectionId && c.position === place.position);
    return (['kk', 'ru', 'en'] as Lang[]).flatMap((l) => canonical.filter((c) => c.lang === l));
  }

  function section(id: string, lang: Lang): Chunk[] {
    for (const l of [lang, 'kk', 'en'] as Lang[]) {
      const found = chunks.filter((c) => c.lang === l && (c.sectionId === id || (id === 'references' && c.sectionId.startsWith('references/'))));
      if (found.length > 0) return found;
    }
    return [];
  }

  function sectionIds(): string[] {
    const ids = new Set<string>();
    for (const top of SECTION_ORDER) {
      if (top === 'references') { ids.add('references'); continue; }
      for (const c of chunks) if (c.sectionId.split('/')[0] === top) ids.add(c.sectionId);
    }
    return [...ids];
  }

  return {
    ask,
    chunk: (id) => byId.get(id),
    variants,
    sectionIds,
    section,
    sectionTitle: (id, lang) => sectionTitle(id, lang),
    reference,
  };
}

/** Sentences of a paragraph (cut after . ! ? followed by white space). */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\S)/u).filter((s) => s.trim().length > 0);
}
