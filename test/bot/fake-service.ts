/**
 * A small in-memory ArticleService over a few real paragraphs of the article, for bot tests until
 * the real service is wired in. Questions find paragraphs by keyword; ranking is by keyword count.
 */
import type { Chunk } from '../../src/chunking/chunk.js';
import { sectionTitle } from '../../src/corpus/sections.js';
import type { Lang } from '../../src/corpus/types.js';
import type { Answer, ArticleService, AskOptions, Passage } from '../../src/retrieval/types.js';
import { PLACES, REFERENCES, type FakePlace } from './fake-article.js';

export interface FakeService extends ArticleService {
  /** Every ask() call, in order. */
  asked: Array<{ question: string; options: AskOptions }>;
  /** The next ask() rejects with this error. */
  failNext(error: Error): void;
}

/** Section ids in reading order, as the real service lists them. */
const SECTION_IDS = [
  'abstract',
  'methods',
  'discussion',
  'results/finding-1',
  'results/finding-2',
  'results/finding-3',
  'results/finding-4',
  'results/finding-5',
  'conclusion',
  'references',
];

/** Kazakh letters → kk, other Cyrillic → ru, else en (good enough for the test questions). */
export function fakeDetect(text: string): Lang {
  if (/[әғқңөұүһі]/i.test(text)) return 'kk';
  return /[\u0400-\u04FF]/.test(text) ? 'ru' : 'en';
}

export function createFakeService(opts: { delayMs?: number } = {}): FakeService {
  const asked: FakeService['asked'] = [];
  let failure: Error | undefined;
  const chunkOf = (place: FakePlace, lang: Lang): Chunk => ({
    id: `${lang}:${place.sectionId}:${place.position}`,
    sectionId: place.sectionId,
    lang,
    position: place.position,
    text: place.text[lang],
    sourceText: place.text.kk,
    official: place.official[lang],
  });
  const placeOf = (id: string) => PLACES.find((p) => id.endsWith(`:${p.sectionId}:${p.position}`) && /^(kk|ru|en):/.test(id));

  function passage(place: FakePlace, lang: Lang, rank: number, score: number): Passage {
    const c = chunkOf(place, lang);
    const cited = [...new Set([...c.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
    return {
      rank,
      id: c.id,
      section: { id: place.sectionId, title: sectionTitle(place.sectionId, lang) },
      lang,
      text: c.text,
      sourceText: c.sourceText,
      score,
      official: c.official,
      alsoIn: place.alsoIn.map((id) => ({ id, title: sectionTitle(id, lang) })),
      citations: cited.map((n) => ({ n, text: REFERENCES[n] })),
    };
  }

  return {
    asked,
    failNext(error) {
      failure = error;
    },
    async ask(question, options = {}) {
      asked.push({ question, options });
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (failure) {
        const e = failure;
        failure = undefined;
        throw e;
      }
      const lang = options.lang ?? fakeDetect(question);
      const { offset = 0, limit = 3 } = options;
      const q = question.toLowerCase();
      const hits = PLACES.map((place) => ({ place, score: place.keywords.filter((k) => q.includes(k)).length }))
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score);
      const passages = hits.slice(offset, offset + limit).map((h, i) => passage(h.place, lang, offset + i + 1, h.score));
      const answer: Answer = { query: question, lang, answered: hits.length > 0, passages, total: hits.length };
      return answer;
    },
    chunk(id) {
      const place = placeOf(id);
      return place ? chunkOf(place, id.slice(0, 2) as Lang) : undefined;
    },
    variants(id) {
      const place = placeOf(id);
      return place ? (['kk', 'ru', 'en'] as Lang[]).map((l) => chunkOf(place, l)) : [];
    },
    sectionIds: () => [...SECTION_IDS],
    section: (id, lang) => PLACES.filter((p) => p.sectionId === id).map((p) => chunkOf(p, lang)),
    sectionTitle: (id, lang) => sectionTitle(id, lang),
    reference: (n) => REFERENCES[n],
  };
}
