import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkSections } from '../../src/chunking/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Lang } from '../../src/corpus/types.js';
import { createLexicalEmbedder } from '../../src/embedding/lexical.js';
import { QuestionError } from '../../src/errors.js';
import { buildIndex, loadIndex } from '../../src/index/store.js';
import { DEFAULT_ABSTENTION } from '../../src/retrieval/abstain.js';
import { createArticleService } from '../../src/retrieval/service.js';
import type { ArticleService } from '../../src/retrieval/types.js';

const corpus = loadCorpus(fileURLToPath(new URL('../../corpus/', import.meta.url)));
const root = mkdtempSync(join(tmpdir(), 'retrieval-service-'));
let service: ArticleService;

beforeAll(async () => {
  const embedder = createLexicalEmbedder(corpus.glossary);
  const dir = join(root, 'article');
  await buildIndex(chunkSections(corpus.sections), embedder, corpus.hash, dir, { abstention: { ...DEFAULT_ABSTENTION } });
  service = createArticleService({ index: loadIndex(dir, { corpusHash: corpus.hash, embedder }), embedder, glossary: corpus.glossary });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LEGAL_STATUS = 'What is the legal status of AI?';

describe('createArticleService', () => {
  it(
    "returns the whole list a question asks for, in the article's order and all shown; the lead-in and closing paragraphs " + 'follow',
    async () => {
      for (const q of ['What are the main findings?', 'list all five findings', 'главные выводы', 'негізгі тұжырымдар қандай?']) {
        const a = await service.ask(q, { limit: 7 });
        expect({ q, sections: a.passages.map((p) => p.section.id), shown: a.shown }).toEqual({
          q,
          sections: [
            'results/finding-1',
            'results/finding-2',
            'results/finding-3',
            'results/finding-4',
            'results/finding-5',
            'results',
            'results',
          ],
          shown: 5,
        });
      }
      const page = await service.ask('What are the main findings?');
      expect({ passages: page.passages.length, shown: page.shown }).toEqual({ passages: 5, shown: 5 });
      const more = await service.ask('What are the main findings?', { offset: 5 });
      expect({ ids: more.passages.map((p) => p.id).slice(0, 2), shown: more.shown }).toEqual({
        ids: ['en:results:1', 'en:results:2'],
        shown: 3,
      });
    },
  );

  it('returns answered false for questions about something the article never names, in domain words or not', async () => {
    for (const q of ['How does China regulate AI?', 'Как регулируется ИИ в Китае?', 'What is the population of Kazakhstan?']) {
      const a = await service.ask(q);
      expect({ q, answered: a.answered, passages: a.passages.length }).toEqual({ q, answered: false, passages: 0 });
    }
  });

  it('returns answered true for a paraphrase with words the article does not use', async () => {
    const a = await service.ask('Can someone be held criminally liable for misusing AI?');
    expect(a.answered).toBe(true);
    // finding 4 and the Discussion paragraph it sums up both answer: liability for AI offences under criminal law
    expect(a.passages.slice(0, 3).map((p) => p.section.id)).toContain('results/finding-4');
    expect(a.passages[0].sourceText).toMatch(/қылмыстық.*жауапкершілік|жауапкершілік.*қылмыстық/s);
  });

  it('returns no reference entry that an earlier passage already cites', async () => {
    const a = await service.ask('What does the Law on Artificial Intelligence regulate?', { limit: 5 });
    const first = a.passages[0];
    expect(first.citations.map((c) => c.n)).toEqual([18]);
    expect(a.passages.map((p) => p.section.id)).not.toContain('references/18');
  });

  describe('ask', () => {
    it.each([
      ['What is the fourth finding?', 'en:results/finding-4:1'],
      ['What is the fifth finding?', 'en:results/finding-5:1'],
      ['What are the keywords?', 'en:keywords:1'],
      ['What methods were used?', 'en:methods:1'],
      ['Conflict of interest', 'en:conflict-of-interest:1'],
      ['What is the title of the article?', 'en:title:1'],
      ['Какой третий вывод исследования?', 'ru:results/finding-3:1'],
      ['Ключевые слова статьи', 'ru:keywords:1'],
      ['Какие методы исследования использованы?', 'ru:methods:1'],
      ['Как называется статья?', 'ru:title:1'],
      ['Бесінші тұжырым', 'kk:results/finding-5:1'],
      ['Түйін сөздер', 'kk:keywords:1'],
      ['Зерттеу әдістері қандай?', 'kk:methods:1'],
      ['Мүдделер қақтығысы', 'kk:conflict-of-interest:1'],
      ['Jasandy intellekt turaly zań', 'kk:discussion:4'],
    ])('returns for "%s" the first passage %s, in the question\'s language', async (question, id) => {
      const [lang, sectionId] = id.split(':');
      const answer = await service.ask(question);
      expect(answer.answered).toBe(true);
      expect(answer.lang).toBe(lang);
      expect(answer.passages[0].id).toBe(id);
      expect(answer.passages[0].section.id).toBe(sectionId);
      expect(answer.passages[0].lang).toBe(lang);
    });

    it("returns the fourth finding translated, with its Kazakh source and its section title in the reader's language", async () => {
      const [top] = (await service.ask('What is the fourth finding?')).passages;
      expect(top).toMatchObject({
        rank: 1,
        id: 'en:results/finding-4:1',
        lang: 'en',
        official: false,
        section: { id: 'results/finding-4', title: 'Results · finding 4' },
        alsoIn: [],
        citations: [],
      });
      expect(top.text.startsWith('Fourth, ')).toBe(true);
      expect(top.sourceText.startsWith('Төртіншіден, ')).toBe(true);
      const [ru] = (await service.ask('Какой третий вывод исследования?')).passages;
      expect(ru.section).toEqual({ id: 'results/finding-3', title: 'Результаты · вывод 3' });
      expect(ru.sourceText.startsWith('Үшіншіден, ')).toBe(true);
    });

    it('returns for "кибершабуылдар" Kazakh passages about cyberattacks', async () => {
      const answer = await service.ask('кибершабуылдар');
      expect(answer.lang).toBe('kk');
      expect(answer.passages.length).toBeGreaterThan(0);
      expect(answer.passages[0].sourceText).toContain('кибершабуылдар');
      expect(answer.passages[0].section.id).toBe('discussion');
      expect(answer.passages.every((p) => p.lang === 'kk' && p.official)).toBe(true);
    });

    it('returns the abstract first for a question about what the whole article is about, in each language', async () => {
      const asked: Array<[string, Lang]> = [
        ['what is the article about', 'en'],
        ["what's the article about?", 'en'],
        ['main idea of the article', 'en'],
        ['о чем статья?', 'ru'],
        ['о чём эта статья', 'ru'],
        ['основная идея статьи', 'ru'],
        ['мақала не туралы?', 'kk'],
        ['makala ne turaly', 'kk'],
        ['мақаланың негізгі идеясы қандай?', 'kk'],
      ];
      for (const [question, lang] of asked) {
        const answer = await service.ask(question);
        expect([question, answer.answered, answer.lang, answer.passages[0]?.section.id]).toEqual([question, true, lang, 'abstract']);
      }
    });

    it('reads the capitalised abbreviation US as the USA, and the pronoun "us" as a function word', async () => {
      const usa = await service.ask('what about the USA?');
      for (const [question, lang] of [
        ['what about the US?', 'en'],
        ['US regulation of AI', 'en'],
        ['а что в US?', 'ru'],
        ['US туралы не айтылған?', 'kk'],
      ] as const) {
        const answer = await service.ask(question);
        expect([question, answer.answered, answer.lang]).toEqual([question, true, lang]);
        expect(answer.passages.some((p) => /USA|США|АҚШ/.test(p.text))).toBe(true);
      }
      expect((await service.ask('what about the US?')).passages.map((p) => p.id)).toEqual(usa.passages.map((p) => p.id));
      expect((await service.ask('tell us about the weather')).answered).toBe(false);
    });

    it(
      'keeps a question with a topic of its own on that topic, not the abstract ("what does the article say about ' + 'liability?")',
      async () => {
        const answer = await service.ask('what does the article say about criminal liability?');
        expect(answer.answered).toBe(true);
        expect(answer.passages[0].section.id).not.toBe('abstract');
      },
    );

    it('returns the authors\' affiliation for "Which university is Berdiyarova from?"', async () => {
      const [top] = (await service.ask('Which university is Berdiyarova from?')).passages;
      expect(top.lang).toBe('en');
      expect(top.sourceText).toContain('Gumilyov');
    });

    it('returns the language of the question for Kazakh typed on a Russian keyboard', async () => {
      const answer = await service.ask('заң кашан кабылданды');
      expect(answer.answered).toBe(true);
      expect(answer.lang).toBe('kk');
      expect(answer.passages.every((p) => p.lang === 'kk')).toBe(true);
    });

    it("returns an answer in the language asked for, whatever the question's language", async () => {
      const answer = await service.ask('What is the fourth finding?', { lang: 'kk' });
      expect(answer.lang).toBe('kk');
      expect(answer.passages[0]).toMatchObject({
        id: 'kk:results/finding-4:1',
        lang: 'kk',
        official: true,
        section: { id: 'results/finding-4', title: 'Нәтижелер · тұжырым 4' },
      });
    });

    it.each([
      ['How do I bake sourdough bread?', 'en'],
      ['Кто выиграл чемпионат мира по футболу 2018 года?', 'ru'],
      ['What is the capital of France?', 'en'],
    ] as Array<[string, Lang]>)('returns "%s" unanswered, without passages', async (question, lang) => {
      const answer = await service.ask(question);
      expect(answer).toMatchObject({ query: question, lang, answered: false, passages: [], total: 0 });
    });

    it('returns a place repeated by the Discussion once, the Introduction naming the Discussion in alsoIn', async () => {
      const answer = await service.ask(LEGAL_STATUS, { limit: 12 });
      const sources = answer.passages.map((p) => p.sourceText);
      expect(new Set(sources).size).toBe(sources.length);
      expect(new Set(answer.passages.map((p) => p.id)).size).toBe(answer.passages.length);
      const intro = answer.passages.find((p) => p.id === 'en:introduction:2');
      expect(intro?.alsoIn).toEqual([{ id: 'discussion', title: 'Discussion' }]);
      expect(answer.passages.filter((p) => ['en:discussion:2', 'en:discussion:3'].includes(p.id))).toEqual([]);
    });

    it('returns passages whose in-text citations are resolved to reference entries', async () => {
      const answer = await service.ask('When was the law on artificial intelligence adopted?', { limit: 5 });
      const cited = answer.passages.find((p) => p.id === 'en:discussion:4');
      expect(cited?.citations).toEqual([
        {
          n: 18,
          text: service.reference(18, 'en'),
          sourceText: service.reference(18, 'kk'),
          official: false,
          id: 'en:references/18:1:tr',
        },
      ]);
      expect(cited?.citations[0].text).toContain('230-VIII');
      // the project's rendering stands for the published (Kazakh) entry, as a translated passage does
      expect(cited?.citations[0].sourceText?.startsWith('Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша')).toBe(
        true,
      );
      const kk = (await service.ask('Jasandy intellekt turaly zań')).passages[0];
      expect(kk.citations).toHaveLength(1);
      expect(kk.citations[0].n).toBe(18);
      expect(
        kk.citations[0].text.startsWith('Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ'),
      ).toBe(true);
    });

    it('returns the next passages with an offset, ranked on, without repeats', async () => {
      const all = await service.ask(LEGAL_STATUS, { limit: 12 });
      const first = await service.ask(LEGAL_STATUS);
      const second = await service.ask(LEGAL_STATUS, { offset: 3, limit: 3 });
      expect(all.total).toBeGreaterThanOrEqual(6);
      expect(first.passages).toEqual(all.passages.slice(0, 3));
      expect(second.passages).toEqual(all.passages.slice(3, 6));
      expect(second.passages.map((p) => p.rank)).toEqual([4, 5, 6]);
      expect(second.passages.filter((p) => first.passages.some((q) => q.id === p.id))).toEqual([]);
      expect(second.total).toBe(all.total);
      expect((await service.ask(LEGAL_STATUS, { offset: all.total })).passages).toEqual([]);
    });

    it('returns the same answer for the same question (deterministic)', async () => {
      expect(await service.ask(LEGAL_STATUS)).toEqual(await service.ask(LEGAL_STATUS));
    });

    it('returns the cleaned question as the query', async () => {
      expect((await service.ask('  What is the\u200B fourth\n finding? ')).query).toBe('What is the fourth finding?');
    });

    it.each([
      ['', 'empty'],
      ['   ', 'empty'],
      ['\u200B\u200B', 'empty'],
      ['😀😀', 'no-words'],
      ['?!', 'no-words'],
      ['a'.repeat(10_000), 'too-long'],
    ])('rejects %j with QuestionError kind %s', async (question, kind) => {
      const err = await service.ask(question).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(QuestionError);
      expect((err as QuestionError).kind).toBe(kind);
    });

    it('rejects a too-long question with a message giving its length and the limit', async () => {
      await expect(service.ask('a'.repeat(10_000))).rejects.toThrow('the question is 10000 characters long; ask in at most 1000');
    });
  });

  describe('chunk', () => {
    it('returns a chunk by id, or undefined', () => {
      expect(service.chunk('kk:results/finding-4:1')?.text.startsWith('Төртіншіден, ')).toBe(true);
      expect(service.chunk('kk:nowhere:1')).toBeUndefined();
    });
  });

  describe('variants', () => {
    it('returns the paragraph in kk, ru and en order', () => {
      expect(service.variants('ru:results/finding-4:1').map((c) => c.id)).toEqual([
        'kk:results/finding-4:1',
        'ru:results/finding-4:1',
        'en:results/finding-4:1',
      ]);
      expect(service.variants('kk:abstract:2').map((c) => c.id)).toEqual(['kk:abstract:2', 'ru:abstract:2', 'en:abstract:2']);
      expect(service.variants('nope')).toEqual([]);
    });

    it('returns the canonical paragraph for a repeated one', () => {
      expect(service.variants('kk:discussion:2').map((c) => c.id)).toEqual(['kk:introduction:2', 'ru:introduction:2', 'en:introduction:2']);
    });
  });

  describe('sectionIds', () => {
    it('returns the section ids in reading order, findings one by one and the references as one entry', () => {
      expect(service.sectionIds()).toEqual([
        'publication',
        'title',
        'authors',
        'abstract',
        'keywords',
        'introduction',
        'methods',
        'discussion',
        'results',
        'results/finding-1',
        'results/finding-2',
        'results/finding-3',
        'results/finding-4',
        'results/finding-5',
        'conclusion',
        'conflict-of-interest',
        'author-contributions',
        'references',
        'author-details',
        'copyright',
      ]);
    });
  });

  describe('section', () => {
    it('returns the chunks of a section in the language asked for', () => {
      expect(service.section('introduction', 'ru').map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `ru:introduction:${n}`));
      expect(service.section('references', 'kk')).toHaveLength(18);
    });

    it('returns the Kazakh chunks, else the English ones, where the language has none', () => {
      expect(service.section('publication', 'en').map((c) => c.id)).toEqual(['kk:publication:1']);
      expect(service.section('copyright', 'ru').map((c) => c.id)).toEqual(['en:copyright:1']);
      expect(service.section('nothing', 'ru')).toEqual([]);
    });
  });

  describe('reference', () => {
    it('returns a reference entry without its number, in the language asked for', () => {
      expect(service.reference(18, 'kk')).toBe(
        'Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ. Қолжетімді: <https://adilet.zan.kz/> ' +
          '(Қол жеткізілген күні: 20 қаңтар 2026 ж.).',
      );
      expect(service.reference(18, 'en')).toContain('230-VIII');
      expect(service.reference(19, 'en')).toBeUndefined();
    });
  });

  describe('sectionTitle', () => {
    it('returns the section title in a language', () => {
      expect(service.sectionTitle('references/18', 'ru')).toBe('Список литературы · 18');
    });
  });
});
