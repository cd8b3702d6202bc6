import type { Chunk } from '../chunking/chunk.js';
import { LANGS, type Lang } from '../corpus/types.js';
import { citedNumbers, referenceId, SECTION_ORDER, sectionTitle, withoutReferenceNumber } from '../corpus/sections.js';
import type { Embedder } from '../embedding/types.js';
import type { LoadedIndex } from '../index/store.js';
import type { Glossary } from '../text/glossary.js';
import { kazakhLatinToCyrillic, russianLatinToCyrillic, words } from '../text/fold.js';
import { withoutIntroduction } from '../text/introduction.js';
import { createSpeller } from '../text/spell.js';
import type { AbstentionRule } from '../index/abstention-rule.js';
import { COVERAGE_PLACES } from './abstain.js';
import type { FusionWeights } from './fusion.js';
import { createScorer, type VectorSearch } from './scorer.js';
import { isMetaSection } from './topics.js';
import { detectLang } from '../text/lang.js';
import { expandAbbreviations } from '../text/countries.js';
import { foldContained, groupPlaces, pickVariant, type Place } from './places.js';
import { cleanQuestion } from './question.js';
import { DEFAULT_SHOW, shownCount, type ShowRule } from './show.js';
import type { Answer, ArticleService, AskOptions, Passage } from './types.js';

export interface ServiceDeps {
  index: LoadedIndex;
  embedder: Embedder;
  glossary: Glossary;
  /** Fusion weights (defaults in scorer.ts). */
  weights?: FusionWeights;
  /** Vector search over the chunks. Defaults to the index's HNSW graph. */
  search?: VectorSearch;
  /** Overrides the abstention rule recorded in the index meta. */
  abstention?: AbstentionRule;
  /** Overrides how many passages a reply shows (defaults in show.ts). */
  show?: ShowRule;
}

/** Places scoring below this share of the best one are not offered (not even under "More"). */
const RELATIVE_FLOOR = 0.3;
/** Passages per page when `AskOptions.limit` is not given. */
export const DEFAULT_PAGE_SIZE = 3;
/**
 * Places offered for one question at most (a list question: its whole list, if longer): four
 * default pages, the first and three "More" — past that a reader rephrases rather than pages on.
 */
const MAX_TOTAL = 4 * DEFAULT_PAGE_SIZE;

/** Paragraphs of a section a reply shows when a question names the section ("the methods"); "More" goes on. */
export const PARAGRAPHS_SHOWN = 3;

/**
 * A list's items: the named section's subsections when it has them (the five findings, the 18
 * references; the Results lead-in and closing paragraphs follow under "More"), else its paragraphs.
 */
function listItems<T extends { place: Place }>(inSection: T[]): T[] {
  const ordered = [...inSection].sort((a, b) => a.place.order - b.place.order);
  const subsections = ordered.filter((r) => r.place.sectionId.includes('/'));
  return subsections.length > 1 ? subsections : ordered;
}

/** Vector search over an HNSW graph (cosine space: similarity = 1 − distance). */
export function hnswSearch(index: LoadedIndex): VectorSearch {
  return (vector, k) => {
    const found = index.hnsw.searchKnn(vector, Math.min(k, index.chunks.length));
    return { ids: found.neighbors, scores: found.distances.map((d) => 1 - d) };
  };
}

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
  const { index, embedder, glossary } = deps;
  const chunks = index.chunks;
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const scorer = createScorer({ chunks, glossary, embedder, search: deps.search ?? hnswSearch(index), weights: deps.weights });
  // every paragraph once, where the article has it (sections, variants, references) …
  const allPlaces = groupPlaces(chunks);
  // … and as answers, a paragraph the article repeats inside a longer one folded into it
  const places = foldContained(allPlaces, chunks, (id) => !isMetaSection(id));
  const speller = createSpeller([
    ...chunks.flatMap((c) => words(c.text)),
    ...glossary.concepts.flatMap((c) => [...c.kk, ...c.ru, ...c.en].flatMap(words)),
  ]);
  const rule = deps.abstention ?? index.meta.abstention;
  const showRule = deps.show ?? DEFAULT_SHOW;

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const { offset = 0, limit = DEFAULT_PAGE_SIZE } = options;
    const query = cleanQuestion(question);
    const { text, lang: queryLang } = readQuestion(query);
    const lang = options.lang ?? queryLang;
    const { terms, fused, coverage, browsing, unnamed } = await scorer.score(text, queryLang);
    const none: Answer = { query, lang, answered: false, passages: [], total: 0, shown: 0 };
    if (terms.length === 0) return none;
    const ranked = places
      .map((p) => ({ place: p, score: Math.max(...p.members.map((m) => fused[m])) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.place.order - b.place.order);
    if (ranked.length === 0) return none;
    const best = ranked[0];
    // the question must be covered by one of the best few places, not just by the very first
    const covered = Math.max(...ranked.slice(0, COVERAGE_PLACES).map((r) => coverage(r.place.members)));
    if (covered < rule.minCoverage) return { ...none, coverage: covered };

    let kept = withoutCitedReferences(ranked.filter((r) => r.score >= RELATIVE_FLOOR * best.score));
    let list = 0;
    let listShown = 0;
    if (browsing) {
      // "the main findings", "list of references": the named section's items in the article's order, all of them;
      // "the methods": its paragraphs in order, the first PARAGRAPHS_SHOWN shown (eight in a row are a wall of text)
      const items = listItems(kept.filter((r) => r.place.members.some(browsing)));
      list = items.length;
      listShown = items.some((r) => r.place.sectionId.includes('/')) ? list : Math.min(list, PARAGRAPHS_SHOWN);
      kept = [...items, ...kept.filter((r) => !items.includes(r))];
    }
    kept = kept.slice(0, Math.max(MAX_TOTAL, list));
    const page = offset === 0 && list > 0 ? Math.max(limit, list) : limit;
    const passages = kept.slice(offset, offset + page).map((r, i) => toPassage(r.place, r.score, offset + i + 1, lang));
    const shown =
      offset > 0
        ? passages.length
        : list > 0
          ? Math.min(listShown, passages.length)
          : shownCount(
              passages.map((p) => p.score),
              showRule,
            );
    return { query, lang, answered: true, passages, total: kept.length, shown, coverage: covered, ...(unnamed ? { unnamed } : {}) };
  }

  /** Language and search text of a cleaned question: Kazakh in Latin letters transliterated, typos corrected. */
  function readQuestion(asked: string): { text: string; lang: Lang } {
    // "US" in capitals is the country, not the pronoun; "My name is Aigerim." is no part of the question
    const query = expandAbbreviations(withoutIntroduction(asked));
    const detected = detectLang(query);
    // Latin letters: English, Kazakh in the Latin alphabet, or Russian typed in Latin ("kakie vyvody v statye?")
    const reading = detected.kazakhLatin ? 'kk' : detected.lang === 'en' ? scorer.latinReading(query) : undefined;
    const spelled = reading === 'kk' ? kazakhLatinToCyrillic(query) : reading === 'ru' ? russianLatinToCyrillic(query) : query;
    // typos ("artifical inteligence") are corrected against the article's own words and the glossary
    const text = speller.correctText(spelled);
    return { text, lang: reading === 'kk' || reading === 'ru' ? reading : scorer.resolveLang(text, detected.lang) };
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

  function citations(text: string, lang: Lang): Passage['citations'] {
    return citedNumbers(text).flatMap((n) => {
      const place = allPlaces.find((p) => p.sectionId === referenceId(n));
      if (!place) return [];
      const shown = pickVariant(place, chunks, lang);
      return [
        {
          n,
          text: withoutReferenceNumber(shown.text),
          sourceText: withoutReferenceNumber(shown.sourceText),
          official: shown.official,
          id: shown.id,
        },
      ];
    });
  }

  /** Drops a reference entry that an earlier passage already cites (it is shown under that passage). */
  function withoutCitedReferences<T extends { place: Place }>(list: T[]): T[] {
    const cited = new Set<string>();
    return list.filter(({ place }) => {
      if (cited.has(place.sectionId)) return false;
      for (const m of place.members) for (const n of citedNumbers(chunks[m].text)) cited.add(referenceId(n));
      return true;
    });
  }

  function reference(n: number, lang: Lang): string | undefined {
    const place = allPlaces.find((p) => p.sectionId === referenceId(n));
    return place ? withoutReferenceNumber(pickVariant(place, chunks, lang).text) : undefined;
  }

  function variants(id: string): Chunk[] {
    const place = allPlaces.find((p) => p.members.some((m) => chunks[m].id === id));
    if (!place) return [];
    const canonical = place.members.map((m) => chunks[m]).filter((c) => c.sectionId === place.sectionId && c.position === place.position);
    return LANGS.flatMap((l) => canonical.filter((c) => c.lang === l));
  }

  /** The section's paragraphs, each once, in the variant a reader of `lang` is shown. */
  function section(id: string, lang: Lang): Chunk[] {
    const inSection = (sectionId: string) => sectionId === id || (id === 'references' && sectionId.startsWith('references/'));
    return allPlaces.filter((p) => inSection(p.sectionId)).map((p) => pickVariant(p, chunks, lang));
  }

  function sectionIds(): string[] {
    const ids = new Set<string>();
    for (const top of SECTION_ORDER) {
      if (top === 'references') {
        ids.add('references');
        continue;
      }
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
