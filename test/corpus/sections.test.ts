import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse.js';
import {
  citedNumbers,
  FINDING_IDS,
  findingNumber,
  isSectionId,
  REFERENCE_COUNT,
  referenceId,
  SECTION_ORDER,
  sectionTitle,
  withoutReferenceNumber,
} from '../../src/corpus/sections.js';

const ARTICLE = readFileSync(new URL('../../corpus/article.txt', import.meta.url), 'utf8');

describe('SECTION_ORDER', () => {
  it('returns the top-level ids in the order of the article', () => {
    expect(SECTION_ORDER).toEqual([
      'publication',
      'title',
      'authors',
      'abstract',
      'keywords',
      'introduction',
      'methods',
      'discussion',
      'results',
      'conclusion',
      'conflict-of-interest',
      'author-contributions',
      'references',
      'author-details',
      'copyright',
    ]);
  });
});

describe('sectionTitle', () => {
  it('returns the title of a top-level section in each language', () => {
    expect(sectionTitle('introduction', 'kk')).toBe('Кіріспе');
    expect(sectionTitle('introduction', 'ru')).toBe('Введение');
    expect(sectionTitle('introduction', 'en')).toBe('Introduction');
    expect(sectionTitle('conflict-of-interest', 'en')).toBe('Conflict of interest');
  });

  it('returns a finding as the Results title and the numbered finding', () => {
    expect(sectionTitle('results/finding-3', 'en')).toBe('Results · finding 3');
    expect(sectionTitle('results/finding-3', 'ru')).toBe('Результаты · вывод 3');
    expect(sectionTitle('results/finding-3', 'kk')).toBe('Нәтижелер · тұжырым 3');
  });

  it('returns a reference as the reference-list title and its number', () => {
    expect(sectionTitle('references/18', 'ru')).toBe('Список литературы · 18');
    expect(sectionTitle('references/1', 'en')).toBe('References · 1');
  });

  it('throws on an unknown top-level id', () => {
    expect(() => sectionTitle('foreword', 'en')).toThrow(new Error('unknown section id "foreword"'));
    expect(() => sectionTitle('', 'en')).toThrow('unknown section id ""');
  });

  it('throws on an unknown sub-section id', () => {
    expect(() => sectionTitle('introduction/7', 'en')).toThrow('unknown section id "introduction/7"');
  });

  it('returns a title in every language for every id the parser produces', () => {
    for (const { id } of parseArticle(ARTICLE)) {
      for (const lang of ['kk', 'ru', 'en'] as const) expect(sectionTitle(id, lang).length).toBeGreaterThan(0);
    }
  });
});

describe('isSectionId', () => {
  it('returns true for the top-level ids, findings 1–5 and references 1–18', () => {
    for (const id of SECTION_ORDER) expect(isSectionId(id)).toBe(true);
    expect(
      ['results/finding-1', 'results/finding-5', 'references/1', 'references/9', 'references/10', 'references/18'].map(isSectionId),
    ).toEqual([true, true, true, true, true, true]);
  });

  it('returns false for other ids', () => {
    expect(
      [
        'results/finding-0',
        'results/finding-6',
        'references/0',
        'references/19',
        'references/01',
        'introduction/1',
        'results/finding-1/x',
        'foreword',
        '',
        'Results',
        'references/',
      ].map(isSectionId),
    ).toEqual(Array(11).fill(false));
  });

  it('returns true for every id the parser produces', () => {
    expect(parseArticle(ARTICLE).filter((s) => !isSectionId(s.id))).toEqual([]);
  });

  it('returns true for a reference number exactly when it is 1–18 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 200 }), (n) => {
        expect(isSectionId(`references/${n}`)).toBe(n >= 1 && n <= 18);
      }),
    );
  });
});

describe('findings and references', () => {
  it('returns the five finding ids in order and the number of each', () => {
    expect(FINDING_IDS).toEqual(['results/finding-1', 'results/finding-2', 'results/finding-3', 'results/finding-4', 'results/finding-5']);
    expect(FINDING_IDS.map(findingNumber)).toEqual([1, 2, 3, 4, 5]);
    expect([findingNumber('results/finding-6'), findingNumber('results'), findingNumber('references/4')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('returns the cited reference numbers once each, in order, only those the list has', () => {
    expect(citedNumbers('The Law [18] and the Act [3]; again [18], not [0] nor [19].')).toEqual([18, 3]);
    expect(isSectionId(referenceId(REFERENCE_COUNT))).toBe(true);
    expect(isSectionId(referenceId(REFERENCE_COUNT + 1))).toBe(false);
    expect(isSectionId('references/07')).toBe(false);
  });

  it('returns a reference entry without its leading number', () => {
    expect(withoutReferenceNumber('18. Republic of Kazakhstan (2025) Law.')).toBe('Republic of Kazakhstan (2025) Law.');
    expect(withoutReferenceNumber('Law of 2025.')).toBe('Law of 2025.');
  });
});
