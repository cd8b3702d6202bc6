import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorPrior, OTHER_AUTHOR_PRIOR, properNames } from '../../src/retrieval/scorer.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openRealService } from './real-service.js';

describe('properNames', () => {
  it('returns the stems of capitalised words after the first, not of abbreviations or the first word', () => {
    expect([...properNames('How does China regulate AI?', 'en')]).toEqual(['china']);
    expect([...properNames('Как регулируется ИИ в Китае?', 'ru')]).toEqual(['кита']);
    expect([...properNames('What is the fourth finding?', 'en')]).toEqual([]);
  });

  it('returns a word with a capital after a small letter wherever it stands', () => {
    expect([...properNames('ChatGPT-ті кім жасады?', 'kk')]).toEqual(['chatgp']);
    expect([...properNames('who founded OpenAI', 'en')]).toEqual(['openai']);
  });
});

describe('authorPrior', () => {
  it('returns 1 without named authors, OTHER_AUTHOR_PRIOR for other authors only, the share of asked ones in between', () => {
    expect(authorPrior(new Set(), ['saimova'])).toBe(1);
    expect(authorPrior(new Set(['saimova']), [])).toBe(1);
    expect(authorPrior(new Set(['saimova']), ['saimova'])).toBe(1);
    expect(authorPrior(new Set(['saimova']), ['berdiyarova'])).toBe(OTHER_AUTHOR_PRIOR);
    expect(authorPrior(new Set(['saimova']), ['berdiyarova', 'saimova'])).toBeCloseTo(
      OTHER_AUTHOR_PRIOR + (1 - OTHER_AUTHOR_PRIOR) / 2,
      12,
    );
  });
});

describe('createScorer (through the service)', () => {
  let service: ArticleService;
  let close: () => void = () => {};
  beforeAll(async () => {
    ({ service, close } = await openRealService());
  });
  afterAll(() => close());
  const first = async (q: string) => {
    const a = await service.ask(q);
    return {
      lang: a.lang,
      answered: a.answered,
      section: a.passages[0]?.section.id,
      shown: a.passages.slice(0, a.shown).map((p) => p.section.id),
    };
  };

  it.each([
    ['which methods did the authors use?', 'en'],
    ['Какие методы использовали авторы?', 'ru'],
    ['авторлар қандай әдістерді қолданды?', 'kk'],
  ])(
    'returns for "%s" the Methods, the article\'s voice not steering to the author sections, its first three paragraphs shown',
    async (q, lang) => {
      const a = await first(q);
      expect(a.shown).toEqual(['methods', 'methods', 'methods']);
      expect(a.lang).toBe(lang);
    },
  );

  it.each([
    ['what conclusions did the authors reach', 'conclusion'],
    ['какие выводы сделали авторы?', 'results/finding-1'],
    ['what do the authors say about fraud?', 'discussion'],
    ['что авторы пишут о мошенничестве?', 'discussion'],
    ['авторлар алаяқтық туралы не дейді?', 'discussion'],
  ])('returns for "%s" the content, not the authors (%s)', async (q, section) => {
    const a = await first(q);
    expect({ answered: a.answered, section: a.section, authors: a.shown.some((s) => s.startsWith('author')) }).toEqual({
      answered: true,
      section,
      authors: false,
    });
  });

  it.each([
    ['Кто авторы статьи?', 'authors'],
    ['Авторлар кім?', 'authors'],
    ['Who are the authors?', 'authors'],
    ['where do the authors work?', 'author-details'],
  ])('returns for "%s", a question about the authors themselves, the author sections', async (q, section) => {
    expect((await first(q)).section).toBe(section);
  });

  it.each([
    'whats the weather in astana tomorrow',
    'Какая погода в Астане завтра?',
    'Астанада ертең ауа райы қандай?',
    'does china have an ai law?',
    'Есть ли в Китае закон об ИИ?',
    'Қытайда ЖИ туралы заң бар ма?',
    'what does the article say about russia',
  ])('returns answered false for "%s": its subject is not in the article', async (q) => {
    expect((await first(q)).answered).toBe(false);
  });

  it.each(['Какой штраф за дипфейк?', 'Дипфейк үшін айыппұл қанша?', 'how much is the fine for deepfakes'])(
    'returns answered false for "%s": the thing it asks for is not in the article, though the rest is near',
    async (q) => {
      expect((await first(q)).answered).toBe(false);
    },
  );

  it.each<[string, { section: string; lang?: string }, string]>([
    ['what criminal law problems does AI cause?', { section: 'results/finding-4' }, 'Methods counts less: it says how, not what'],
    ['ИИ в гражданском и уголовном праве', { section: 'methods' }, 'Methods still first when it is the best by far'],
    ['что предлагают авторы?', { section: 'results/finding-5' }, 'the finding that says what should be done'],
    ['what do the authors recommend?', { section: 'results/finding-5' }, 'the finding that says what should be done'],
    ['авторлар қандай шаралар ұсынады?', { section: 'results/finding-5' }, 'the finding that says what should be done'],
    ['kakie vyvody v statye?', { section: 'results/finding-1', lang: 'ru' }, 'Russian typed in Latin letters'],
    ['metody issledovaniya', { section: 'methods', lang: 'ru' }, 'Russian typed in Latin letters'],
    ['My name is Aigerim. What are the findings?', { section: 'results/finding-1' }, 'a self-introduction is not asked about'],
    ['Меня зовут Айгерим, какие методы использованы?', { section: 'methods' }, 'a self-introduction is not asked about'],
    ['which uni does Saimova work at', { section: 'author-details' }, '"uni" shortens an article word'],
    ['Какой подход закрепляет AI Act?', { section: 'discussion' }, 'what it asks for is in the article'],
  ])('answers "%s" with %o first (%s)', async (q, expected, _why) => {
    expect(await first(q)).toMatchObject({ answered: true, ...expected });
  });

  it('names the word asked about when the article never uses it and the answer is the nearest passages', async () => {
    const [deepfakes, risk] = [
      await service.ask('Does the article mention deepfakes?'),
      await service.ask('What is the risk-based approach?'),
    ];
    expect([deepfakes.answered, deepfakes.unnamed, risk.answered, risk.unnamed]).toEqual([true, 'deepfakes', true, undefined]);
    // a thing never written: answered with a note when the rest of the question is well covered, else refused
    const [ru, en] = [
      await service.ask('Какие штрафы за нарушение закона об ИИ?'),
      await service.ask('What are the fines for violating the AI law?'),
    ];
    expect([ru.answered, ru.unnamed, en.answered]).toEqual([true, 'штрафы', false]);
  });

  it.each([
    ['besinshi qorytyndy', 'results/finding-5'],
    ['al besinshisi she?', 'results/finding-5'],
    ['maqalanyn maqsaty', 'introduction'],
  ])('returns for short Kazakh in Latin letters "%s" a Kazakh answer', async (q, section) => {
    expect(await first(q)).toMatchObject({ lang: 'kk', answered: true, section });
  });

  it('keeps English questions that share letters with Kazakh in English', async () => {
    for (const q of ['what r the findings', 'cyberattacks', 'keywords', 'AI law']) expect((await first(q)).lang).toBe('en');
  });

  it("returns the project's English rendering of a reference published in a broken transliteration, marked as not official", async () => {
    const a = await service.ask('Future of Artificial Intelligence Act of 2017');
    const ref = a.passages.find((p) => p.section.id === 'references/13')!;
    expect({ id: ref.id, official: ref.official }).toEqual({ id: 'en:references/13:1:tr', official: false });
    expect(ref.text).toBe(
      '13. United States Congress (2017) Future of Artificial Intelligence Act of 2017. Available at: <https://www.congress.gov/bill> ' +
        '(accessed: 15 December 2025).',
    );
    expect(service.chunk(ref.id)!.sourceText).toContain('Қолжетімді');
    for (const n of [3, 5, 12, 13, 17]) expect(service.reference(n, 'en')).not.toMatch(/[әғқңөұүһі]/i);
  });
});

describe('createScorer on questions typed the way people type (through the service)', () => {
  let service: ArticleService;
  let close: () => void = () => {};
  beforeAll(async () => {
    ({ service, close } = await openRealService());
  });
  afterAll(() => close());
  const first = async (q: string) => {
    const a = await service.ask(q);
    return { lang: a.lang, answered: a.answered, id: a.passages[0]?.id.split(':').slice(1, 3).join(':') };
  };

  it.each([
    ['казакстандагы жасанды интеллектти реттеудин ерекшелиги кандай', 'kk'],
    ["ok so why is this article even needed, what's its aim", 'en'],
    ['ну вот зачем вообще нужна эта статья, какая у неё цель?', 'ru'],
    ['айтшы, осы мақала өзі не үшін жазылған, мақсаты не', 'kk'],
  ])('answers "%s" (folded Kazakh inflections, chat filler)', async (q, lang) => {
    expect(await first(q)).toMatchObject({ answered: true, lang });
  });

  it.each([
    ['Abdullaevanyń úlesi qandai?', 'author-contributions:3'],
    ['what did Saimova contribute', 'author-contributions:2'],
    ['чем занималась Саймова в этой работе', 'author-contributions:2'],
    ['кем работает Абдуллаева', 'author-details:3'],
    ["what's Abdullaeva's job", 'author-details:3'],
    ['Saimova qaida jumys isteidi', 'author-details:2'],
    ['где работает Саймова', 'author-details:2'],
  ])('returns for "%s" the named author\'s own paragraph (%s)', async (q, id) => {
    expect((await first(q)).id).toBe(id);
  });

  it.each([
    ['что с авторским правом?', 'discussion:5'],
    ['может ли ИИ быть автором?', 'discussion:5'],
    ['can AI be an author?', 'discussion:5'],
    ['ЖИ шығарманың авторы бола ала ма?', 'discussion:5'],
  ])('returns for "%s" copyright in AI-made works, not the authors\' own analysis (%s)', async (q, id) => {
    expect((await first(q)).id).toBe(id);
  });

  it.each([
    ['Мақаланың негізгі қорытындылары қандай?', 'results/finding-1:1'],
    ['макаланын негизги корытындылары кандай?', 'results/finding-1:1'],
    ['negizgi qorytyndylar', 'results/finding-1:1'],
    ['қорытындыда не айтылған?', 'conclusion:1'],
  ])('returns for "%s" the findings when the main conclusions are asked, the Conclusion otherwise (%s)', async (q, id) => {
    expect((await first(q)).id).toBe(id);
  });

  it.each([
    ['нужно ли лицензировать ИИ в Казахстане', 'под какой лицензией статья?'],
    ['is licensing AI required in Kazakhstan?', 'what is the licence of the article?'],
    ['ЖИ-ді лицензиялау қажет пе?', 'мақаланың лицензиясы қандай?'],
  ])('returns for "%s", licensing AI, something other than the article\'s licence, which "%s" gets', async (q, licence) => {
    expect((await first(q)).id).not.toBe('copyright:1');
    expect((await first(licence)).id).toBe('copyright:1');
  });

  it.each([
    ["who's the corresponding author", 'author-details:1'],
    ['кто автор для корреспонденции', 'author-details:1'],
    ["what's the IRSTI code of the paper", 'publication:1'],
    ['какой МРНТИ у статьи', 'publication:1'],
    ['ХҒТАР коды қандай', 'publication:1'],
    ['is hacking covered?', 'discussion:10'],
    ['слушай, а что там про хакеров и взлом?', 'discussion:10'],
    ['why use ai in government', 'discussion:1'],
  ])('returns for "%s", a contraction or paraphrase, %s', async (q, id) => {
    expect(await first(q)).toMatchObject({ answered: true, id });
  });

  it.each([
    'who is the president of Uzbekistan?',
    'кто президент Узбекистана?',
    'Өзбекстан президенті кім?',
    'ChatGPT-ті кім жасап шығарды?',
    'who invented ChatGPT?',
    'как работает нейросеть',
    'нейрондық желі қалай жұмыс істейді',
    'how does a neural network work',
  ])('returns answered false for "%s": its subject is not in the article', async (q) => {
    expect((await first(q)).answered).toBe(false);
  });
});
