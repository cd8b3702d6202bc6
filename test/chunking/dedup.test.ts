import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkSections, type Chunk } from '../../src/chunking/chunk.js';
import { markNearDuplicates, NEAR_DUPLICATE_THRESHOLD, similarity, wordShingles } from '../../src/chunking/dedup.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Lang } from '../../src/corpus/types.js';

const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));

const chunk = (sectionId: string, text: string, lang: Lang = 'kk', position = 1): Chunk => ({
  id: `${lang}:${sectionId}:${position}`,
  sectionId,
  lang,
  position,
  text,
  sourceText: text,
  official: true,
});
const LONG = 'жасанды интеллект технологияларын құқықтық реттеу мәселелері ұлттық заңнаманы жетілдіруді талап етеді';

describe('markNearDuplicates', () => {
  it('returns exactly Discussion ¶2 and ¶3 as repeats of Introduction ¶2 and ¶3, in every language', () => {
    const marked = chunkSections(corpus.sections)
      .filter((c) => c.duplicateOf)
      .map((c) => [c.id, c.duplicateOf]);
    expect(marked).toEqual([
      ['kk:discussion:2', 'kk:introduction:2'],
      ['kk:discussion:3', 'kk:introduction:3'],
      ['ru:discussion:2', 'ru:introduction:2'],
      ['ru:discussion:3', 'ru:introduction:3'],
      ['en:discussion:2', 'en:introduction:2'],
      ['en:discussion:3', 'en:introduction:3'],
    ]);
  });

  it('returns a later chunk of the same language marked with the id of the earlier one', () => {
    const out = markNearDuplicates([chunk('introduction', LONG), chunk('discussion', `${LONG}.`)]);
    expect(out.map((c) => c.duplicateOf)).toEqual([undefined, 'kk:introduction:1']);
  });

  it('returns no mark across languages, within one section, or below the threshold', () => {
    expect(markNearDuplicates([chunk('introduction', LONG, 'kk'), chunk('discussion', LONG, 'ru')]).map((c) => c.duplicateOf)).toEqual([
      undefined,
      undefined,
    ]);
    expect(markNearDuplicates([chunk('discussion', LONG, 'kk', 1), chunk('discussion', LONG, 'kk', 2)]).map((c) => c.duplicateOf)).toEqual([
      undefined,
      undefined,
    ]);
    const half = LONG.split(' ').slice(0, 6).join(' ');
    // 4 of the long text's 9 trigrams
    expect(similarity(wordShingles(half), wordShingles(LONG))).toBe(4 / 9);
    expect(markNearDuplicates([chunk('introduction', LONG), chunk('discussion', half)]).map((c) => c.duplicateOf)).toEqual([
      undefined,
      undefined,
    ]);
    expect(markNearDuplicates([chunk('introduction', LONG), chunk('discussion', half)], 4 / 9).map((c) => c.duplicateOf)).toEqual([
      undefined,
      'kk:introduction:1',
    ]);
  });

  it('returns reference entries never merged, even with the same text', () => {
    const refs = [chunk('references/1', `1. ${LONG}`), chunk('references/2', `1. ${LONG}`)];
    expect(markNearDuplicates(refs).map((c) => c.duplicateOf)).toEqual([undefined, undefined]);
  });

  it('returns new objects and leaves the input unchanged', () => {
    const input = [chunk('introduction', LONG), chunk('discussion', LONG)];
    const copy = structuredClone(input);
    const out = markNearDuplicates(input);
    expect(input).toEqual(copy);
    expect(out[0]).not.toBe(input[0]);
    expect(out[0]).toEqual(input[0]);
  });

  it('returns the threshold of one half by default', () => {
    expect(NEAR_DUPLICATE_THRESHOLD).toBe(0.5);
  });
});

describe('wordShingles', () => {
  it('returns the lower-cased word trigrams without punctuation and citation marks', () => {
    expect([...wordShingles('Заң [18] туралы, заң! Жаңа')]).toEqual(['заң туралы заң', 'туралы заң жаңа']);
    expect([...wordShingles('The AI Act (2024) applies.')]).toEqual(['the ai act', 'ai act 2024', 'act 2024 applies']);
  });

  it('returns nothing for fewer than three words', () => {
    expect(wordShingles('екі сөз').size).toBe(0);
    expect(wordShingles('').size).toBe(0);
  });
});

describe('similarity', () => {
  it('returns the common share relative to the larger set', () => {
    expect(similarity(new Set(['a', 'b', 'c', 'd']), new Set(['a', 'b']))).toBe(0.5);
    expect(similarity(new Set(['a', 'b']), new Set(['a', 'b']))).toBe(1);
    expect(similarity(new Set(['a']), new Set(['b']))).toBe(0);
    expect(similarity(new Set(), new Set())).toBe(0);
    expect(similarity(new Set(['a']), new Set())).toBe(0);
  });

  it('returns a symmetric value in [0, 1] (property)', () => {
    const set = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 }).map((xs) => new Set(xs));
    fc.assert(
      fc.property(set, set, (a, b) => {
        const s = similarity(a, b);
        expect(s).toBe(similarity(b, a));
        expect(s >= 0 && s <= 1).toBe(true);
      }),
    );
  });
});
