import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/chunking/chunk.js';
import type { Lang } from '../../src/corpus/types.js';
import { foldContained, groupPlaces, pickVariant, readable } from '../../src/retrieval/places.js';

const chunk = (lang: Lang, sectionId: string, position: number, official: boolean, extra: Partial<Chunk> = {}): Chunk => ({
  id: `${lang}:${sectionId}:${position}`,
  sectionId,
  lang,
  position,
  official,
  text: lang === 'en' ? `text ${sectionId}` : `мәтін ${sectionId}`,
  sourceText: 'мәтін',
  ...extra,
});

// the Discussion repeats Introduction ¶2; the duplicate is detected in Kazakh only
const CHUNKS = [
  chunk('kk', 'introduction', 1, true),
  chunk('kk', 'introduction', 2, true),
  chunk('kk', 'discussion', 1, true),
  chunk('kk', 'discussion', 2, true, { duplicateOf: 'kk:introduction:2' }),
  chunk('en', 'introduction', 2, false),
  chunk('en', 'discussion', 2, false),
];

describe('groupPlaces', () => {
  it('returns one place per paragraph position, a repeat folded into its original for every language', () => {
    expect(groupPlaces(CHUNKS)).toEqual([
      { sectionId: 'introduction', position: 1, members: [0], alsoIn: [], order: 0 },
      { sectionId: 'introduction', position: 2, members: [1, 3, 4, 5], alsoIn: ['discussion'], order: 1 },
      { sectionId: 'discussion', position: 1, members: [2], alsoIn: [], order: 2 },
    ]);
  });

  it('returns a chain of repeats folded into the first original', () => {
    const chain = [
      chunk('kk', 'introduction', 1, true),
      chunk('kk', 'discussion', 1, true, { duplicateOf: 'kk:introduction:1' }),
      chunk('kk', 'conclusion', 1, true, { duplicateOf: 'kk:discussion:1' }),
    ];
    expect(groupPlaces(chain)).toEqual([
      { sectionId: 'introduction', position: 1, members: [0, 1, 2], alsoIn: ['discussion', 'conclusion'], order: 0 },
    ]);
  });

  it('returns nothing for no chunks', () => {
    expect(groupPlaces([])).toEqual([]);
  });
});

describe('pickVariant', () => {
  const place = groupPlaces(CHUNKS)[1];

  it("returns the chunk of the original position in the reader's language", () => {
    expect(pickVariant(place, CHUNKS, 'en').id).toBe('en:introduction:2');
    expect(pickVariant(place, CHUNKS, 'kk').id).toBe('kk:introduction:2');
  });

  it('returns the Kazakh original for a language without a variant', () => {
    expect(pickVariant(place, CHUNKS, 'ru').id).toBe('kk:introduction:2');
  });

  it("returns the project's rendering in the reader's language before a published text, unless both say the same", () => {
    const refs = [
      chunk('kk', 'references/5', 1, true),
      chunk('en', 'references/5', 1, true, {
        text: '5. Kusainova, M. zhәне Mehdiev, N. (2024) V Kazahstane prinjata programma. Қолзһетімді',
      }),
      chunk('en', 'references/5', 1, false, { text: '5. Kusainova, M. and Mekhdiev, N. (2024) "Kazakhstan adopted a programme"' }),
    ];
    const [refPlace] = groupPlaces(refs);
    expect(pickVariant(refPlace, refs, 'en')).toBe(refs[2]);
    const readableOfficial = [refs[0], { ...refs[1], text: '5. Kusainova, M. (2024) V Kazahstane prinjata programma' }, refs[2]];
    expect(pickVariant(refPlace, readableOfficial, 'en')).toBe(readableOfficial[2]);
    const same = [
      refs[0],
      { ...refs[1], text: '15. Smith, B.W. (2017) ‘Automated Driving’' },
      { ...refs[2], text: "15. Smith, B.W. (2017) 'Automated Driving'" },
    ];
    expect(pickVariant(refPlace, same, 'en')).toBe(same[1]);
    expect(pickVariant(refPlace, refs, 'kk')).toBe(refs[0]);
  });
});

describe('foldContained', () => {
  const body = (id: string) => id !== 'references';
  const kk = (sectionId: string, text: string) => chunk('kk', sectionId, 1, true, { text });
  const chunks = [
    kk('introduction', 'Заң жасанды интеллект қағидаттарын бекітеді [18].'),
    kk('discussion', 'Құжаттар негіз қалады. Заң жасанды интеллект қағидаттарын бекітеді [18]. Заң қатынастарды реттейді.'),
    kk('methods', 'Заң жасанды интеллект туралы басқа сөйлем.'),
    kk('references', 'Заң жасанды интеллект қағидаттарын бекітеді.'),
  ];

  it('returns a paragraph whose every sentence a longer one repeats folded into that one, as alsoIn', () => {
    expect(foldContained(groupPlaces(chunks), chunks, body)).toEqual([
      { sectionId: 'discussion', position: 1, members: [1, 0], alsoIn: ['introduction'], order: 1 },
      { sectionId: 'methods', position: 1, members: [2], alsoIn: [], order: 2 },
      { sectionId: 'references', position: 1, members: [3], alsoIn: [], order: 3 },
    ]);
  });

  it('returns the places unchanged when no paragraph is repeated inside another', () => {
    const places = groupPlaces(chunks.slice(2));
    expect(foldContained(places, chunks.slice(2), body)).toEqual(places);
  });
});

describe('readable', () => {
  it("returns true when a chunk is written in its language's script", () => {
    expect(readable({ lang: 'en', text: 'Law "On AI" (2025)' })).toBe(true);
    expect(readable({ lang: 'en', text: 'Заңы «Zhasandy intellekt туралы», 17 қараша № 230-VIII ҚРЗ. Қолжетімді' })).toBe(false);
    expect(
      readable({
        lang: 'en',
        text: 'Kusainova, M. zhәне Mehdiev, N. (2024) V Kazahstane prinjata programma. Available at: <https://www.aa.com.tr/ru/>',
      }),
    ).toBe(false);
    expect(readable({ lang: 'ru', text: 'Закон об ИИ, AI Act' })).toBe(true);
    expect(readable({ lang: 'ru', text: 'Smith, B.W. (2017) Automated Driving' })).toBe(false);
    expect(readable({ lang: 'kk', text: 'Smith, B.W. (2017) Automated Driving' })).toBe(true);
  });
});
