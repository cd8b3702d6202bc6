import type { Chunk } from '../chunking/chunk.js';
import type { Lang, Section } from '../corpus/types.js';
import { SECTION_ORDER, sectionTitle } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { LoadedIndex } from '../index/store.js';
import type { Glossary } from '../text/glossary.js';
import { analyze } from '../text/analyze.js';
import { kazakhLatinToCyrillic } from '../text/fold.js';
import { DEFAULT_ABSTENTION, coverage, type AbstentionRule } from './abstain.js';
import { createBm25 } from './bm25.js';
import { detectLang } from './lang.js';
import { groupPlaces, pickVariant, type Place } from './places.js';
import { cleanQuestion } from './question.js';
import type { Answer, ArticleService, AskOptions, Passage } from './types.js';

export interface ServiceDeps {
  index: LoadedIndex;
  embedder: Embedder;
  glossary: Glossary;
  /** Weight of the vector score against the normalised BM25 score. Defaults to 0.35. */
  vectorWeight?: number;
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
  const { index, embedder, glossary, vectorWeight = 0.35 } = deps;
  const chunks = index.chunks;
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const docTokens = chunks.map((c) => [...analyze(c.text, glossary).tokens, ...titleTokens(c.sectionId)]);
  const bm25 = createBm25(docTokens);
  const places = groupPlaces(chunks);
  const rule = (index.meta.abstention as unknown as AbstentionRule) ?? DEFAULT_ABSTENTION;
  const maxIdf = Math.log(1 + (chunks.length + 0.5) / 0.5);

  function titleTokens(sectionId: string): string[] {
    const top = sectionId.split('/')[0];
    return analyze((['kk', 'ru', 'en'] as Lang[]).map((l) => sectionTitle(top, l)).join(' '), glossary).tokens;
  }

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const { offset = 0, limit = 3 } = options;
    const query = cleanQuestion(question);
    const detected = detectLang(query);
    const lang = options.lang ?? detected.lang;
    const text = detected.kazakhLatin ? kazakhLatinToCyrillic(query) : query;
    const analysis = analyze(text, glossary);
    const none: Answer = { query, lang, answered: false, passages: [], total: 0 };
    if (analysis.terms.length === 0) return none;

    const lexical = bm25.scores(analysis.tokens.map((token) => ({ token })));
    const maxLex = Math.max(...lexical);
    const [qv] = await embedder.embedQueries([text]);
    const k = Math.min(chunks.length, 64);
    const knn = index.hnsw.searchKnn(Array.from(qv), k);
    const vector = new Float64Array(chunks.length);
    knn.neighbors.forEach((id, i) => { vector[id] = 1 - knn.distances[i]; });
    const fused = chunks.map((_, i) => (1 - vectorWeight) * (maxLex > 0 ? lexical[i] / maxLex : 0) + vectorWeight * vector[i]);

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

export type { Section };
