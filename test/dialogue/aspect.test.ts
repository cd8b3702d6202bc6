import { describe, expect, it } from 'vitest';
import { aspectRanking, pageOf, readAspect } from '../../src/dialogue/aspect.js';
import { createFakeService } from '../bot/fake-service.js';

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

describe('pageOf', () => {
  it('shows the best passages first and every passage of a later page', async () => {
    const ranked = (await aspectRanking(createFakeService(), 'What is the finding?', 'q', readAspect('why?'), 'en'))!;
    expect(pageOf(ranked, 0, 3)).toMatchObject({ shown: 2, total: 5 });
    expect(ids(pageOf(ranked, 0, 3))).toEqual(ids(ranked)!.slice(0, 3));
    expect(pageOf(ranked, 2, 3)).toMatchObject({ shown: 3 });
    expect(ids(pageOf(ranked, 2, 3))).toEqual(ids(ranked)!.slice(2, 5));
  });
});
