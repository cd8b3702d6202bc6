import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { properNames } from '../../src/retrieval/scorer.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openRealService } from './real-service.js';

describe('properNames', () => {
  it('returns the stems of capitalised words after the first, not of abbreviations or the first word', () => {
    expect([...properNames('How does China regulate AI?', 'en')]).toEqual(['china']);
    expect([...properNames('Как регулируется ИИ в Китае?', 'ru')]).toEqual(['кита']);
    expect([...properNames('What is the fourth finding?', 'en')]).toEqual([]);
  });
});

describe('createScorer (through the service)', () => {
  let service: ArticleService;
  let close = () => undefined as void;
  beforeAll(async () => { ({ service, close } = await openRealService()); });
  afterAll(() => close());
  const first = async (q: string) => {
    const a = await service.ask(q);
    return { lang: a.lang, answered: a.answered, section: a.passages[0]?.section.id, shown: a.passages.slice(0, a.shown).map((p) => p.section.id) };
  };

  it.each([
    ['which methods did the authors use?', 'en'], ['Какие методы использовали авторы?', 'ru'], ['авторлар қандай әдістерді қолданды?', 'kk'],
  ])('returns for "%s" the Methods, the article\'s voice not steering to the author sections', async (q, lang) => {
    const a = await first(q);
    expect(a.shown).toEqual(['methods', 'methods', 'methods', 'methods', 'methods', 'methods', 'methods', 'methods']);
    expect(a.lang).toBe(lang);
  });

  it.each([
    ['what conclusions did the authors reach', 'conclusion'], ['какие выводы сделали авторы?', 'results/finding-1'],
    ['what do the authors say about fraud?', 'discussion'], ['что авторы пишут о мошенничестве?', 'discussion'], ['авторлар алаяқтық туралы не дейді?', 'discussion'],
  ])('returns for "%s" the content, not the authors (%s)', async (q, section) => {
    const a = await first(q);
    expect({ answered: a.answered, section: a.section, authors: a.shown.some((s) => s.startsWith('author')) }).toEqual({ answered: true, section, authors: false });
  });

  it.each([
    ['Кто авторы статьи?', 'authors'], ['Авторлар кім?', 'authors'], ['Who are the authors?', 'authors'], ['where do the authors work?', 'author-details'],
  ])('returns for "%s", a question about the authors themselves, the author sections', async (q, section) => {
    expect((await first(q)).section).toBe(section);
  });

  it.each([
    'whats the weather in astana tomorrow', 'Какая погода в Астане завтра?', 'Астанада ертең ауа райы қандай?',
    'does china have an ai law?', 'Есть ли в Китае закон об ИИ?', 'Қытайда ЖИ туралы заң бар ма?', 'what does the article say about russia',
  ])('returns answered false for "%s": its subject is not in the article', async (q) => {
    expect((await first(q)).answered).toBe(false);
  });

  it.each([
    ['besinshi qorytyndy', 'results/finding-5'], ['al besinshisi she?', 'results/finding-5'], ['maqalanyn maqsaty', 'introduction'],
  ])('returns for short Kazakh in Latin letters "%s" a Kazakh answer', async (q, section) => {
    expect(await first(q)).toMatchObject({ lang: 'kk', answered: true, section });
  });

  it('keeps English questions that share letters with Kazakh in English', async () => {
    for (const q of ['what r the findings', 'cyberattacks', 'keywords', 'AI law']) expect((await first(q)).lang).toBe('en');
  });

  it('returns the project\'s English rendering of a reference published in a broken transliteration, marked as not official', async () => {
    const a = await service.ask('Future of Artificial Intelligence Act of 2017');
    const ref = a.passages.find((p) => p.section.id === 'references/13')!;
    expect({ id: ref.id, official: ref.official }).toEqual({ id: 'en:references/13:1:tr', official: false });
    expect(ref.text).toBe('13. United States Congress (2017) Future of Artificial Intelligence Act of 2017. Available at: <https://www.congress.gov/bill> (accessed: 15 December 2025).');
    expect(service.chunk(ref.id)!.sourceText).toContain('Қолжетімді');
    for (const n of [3, 5, 12, 13, 17]) expect(service.reference(n, 'en')).not.toMatch(/[әғқңөұүһі]/i);
  });
});
