import { describe, expect, it } from 'vitest';
import { aspectRanking, pageOf, readAspect } from '../../src/dialogue/aspect.js';
import { createFakeService } from '../bot/fake-service.js';
import type { ArticleService, Passage } from '../../src/retrieval/types.js';

const ids = (answer: { passages: Array<{ id: string; rank: number }> } | undefined) => answer?.passages.map((p) => `${p.rank}:${p.id}`);

describe('readAspect', () => {
  it('names the aspect a follow-up asks for in each language, Kazakh also in Latin letters', () => {
    expect(
      [
        'why?',
        'почему?',
        'неге?',
        'мысал келтірші',
        'give me an example',
        'например?',
        'когда его приняли?',
        'qashan qabyldandy?',
        'а к чему это может привести?',
        'where?',
      ].map((t) => readAspect(t).aspects),
    ).toEqual([['reason'], ['reason'], ['reason'], ['example'], ['example'], ['example'], ['date'], ['date'], ['effect'], ['place']]);
  });

  it("keeps the follow-up's own words as stems, and tells a wordy request from a short question", () => {
    expect(readAspect('who of them is the corresponding author?')).toEqual({
      aspects: [],
      stems: ['corres', 'author'],
      wordy: false,
      lang: 'en',
    });
    expect(readAspect('кто из них автор для корреспонденции?')).toMatchObject({ stems: ['коррес'], lang: 'ru' });
    expect(
      ['why is that?', 'could you give me an example please', 'мысал келтірші', 'приведи пример', 'почему?'].map(
        (t) => readAspect(t).wordy,
      ),
    ).toEqual([false, true, true, true, false]);
  });
});

describe('aspectRanking', () => {
  it('lifts the passages of the topic that give the reason, showing two when both do', async () => {
    const service = createFakeService();
    const ranked = await aspectRanking(service, 'What is the finding?', 'finding — why?', readAspect('why?'), 'en');
    // "Since …", "In this regard …", "Therefore …" give a reason; "there remains a need" only hints at one
    expect(ids(ranked)).toEqual([
      '1:en:results/finding-1:1',
      '2:en:results/finding-4:1',
      '3:en:results/finding-5:1',
      '4:en:results/finding-2:1',
      '5:en:results/finding-3:1',
    ]);
    expect(ranked).toMatchObject({ query: 'finding — why?', lang: 'en', answered: true, total: 5, shown: 2 });
    expect(service.asked.map((a) => a.question)).toEqual(['What is the finding?']);
  });

  it('finds a date in a reference the passage cites, and the same places in another language', async () => {
    const service = createFakeService();
    const when = readAspect('when was it adopted?');
    expect(ids(await aspectRanking(service, 'Which law regulates AI in Kazakhstan?', 'q', when, 'en'))).toEqual(['1:en:discussion:4']);
    expect(ids(await aspectRanking(service, 'Which law regulates AI in Kazakhstan?', 'q', when, 'ru'))).toEqual(['1:ru:discussion:4']);
  });

  it('asks the rewritten question too when the follow-up has words of its own, and puts the passage with them first', async () => {
    const service = createFakeService();
    const ranked = await aspectRanking(
      service,
      'What is the finding?',
      'finding — which of them is about criminal liability?',
      readAspect('which of them is about criminal liability?'),
      'en',
    );
    expect(ranked?.passages[0].id).toBe('en:results/finding-4:1');
    expect(ranked?.shown).toBe(1);
    expect(service.asked.map((a) => a.question)).toEqual(['What is the finding?', 'finding — which of them is about criminal liability?']);
  });

  it('gives undefined when the follow-up names nothing or no passage gives it', async () => {
    const service = createFakeService();
    expect(await aspectRanking(service, 'What is the finding?', 'q', readAspect('explain it'), 'en')).toBeUndefined();
    expect(await aspectRanking(service, 'What is the finding?', 'q', readAspect('where?'), 'en')).toBeUndefined();
    expect(service.asked).toHaveLength(1);
  });
});

describe('aspectRanking: a paragraph the next one draws on', () => {
  // three passages of one section: 11 opens "In this regard", 10 before it, 3 elsewhere
  const passage = (position: number, text: string, score: number): Passage => ({
    rank: 0,
    id: `en:discussion:${position}`,
    section: { id: 'discussion', title: 'Discussion' },
    lang: 'en',
    text,
    sourceText: text,
    score,
    official: false,
    alsoIn: [],
    citations: [],
  });
  const OPENER = passage(11, 'In this regard, clarifying legal liability for the unlawful use of AI is of particular importance.', 1);
  const BEFORE = passage(10, 'The wide use of AI gives rise to new types of offences in criminal law, such as fraud.', 0.6);
  const OTHER = passage(3, 'A number of acts on informatization have been adopted.', 0.9);
  const serviceOf = (passages: Passage[]) =>
    ({
      ask: async (query: string) => ({ query, lang: 'en', answered: true, passages, total: passages.length }),
      variants: () => [],
    }) as unknown as ArticleService;

  it('is the reason: asked "why?", it comes first and the opener with it', async () => {
    const ranked = await aspectRanking(serviceOf([OPENER, OTHER, BEFORE]), 'liability', 'liability — why?', readAspect('why?'), 'en');
    expect([ranked?.passages.map((p) => p.id), ranked?.shown]).toEqual([['en:discussion:10', 'en:discussion:11', 'en:discussion:3'], 2]);
  });

  it("is not lifted for another aspect, nor when it is not among the topic's passages", async () => {
    const example = await aspectRanking(serviceOf([OPENER, OTHER, BEFORE]), 'liability', 'q', readAspect('give an example'), 'en');
    expect(example?.passages.map((p) => p.id)).toEqual(['en:discussion:10', 'en:discussion:11', 'en:discussion:3']); // "such as": an example
    expect(example?.shown).toBe(1);
    const alone = await aspectRanking(serviceOf([OPENER, OTHER]), 'liability', 'q', readAspect('why?'), 'en');
    expect([alone?.passages.map((p) => p.id), alone?.shown]).toEqual([['en:discussion:11', 'en:discussion:3'], 1]);
  });
});

describe('pageOf', () => {
  it('shows the best passages first and every passage of a later page', async () => {
    const ranked = (await aspectRanking(createFakeService(), 'What is the finding?', 'q', readAspect('why?'), 'en'))!;
    expect(pageOf(ranked, 0, 3)).toMatchObject({ shown: 2, total: 5 });
    expect(ids(pageOf(ranked, 0, 3))).toEqual(ids(ranked)!.slice(0, 3));
    expect(pageOf(ranked, 2, 3)).toMatchObject({ shown: 3 });
    expect(ids(pageOf(ranked, 2, 3))).toEqual(ids(ranked)!.slice(2, 5));
  });
});
