import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHOW, shownCount } from '../../src/retrieval/show.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openRealService } from './real-service.js';

describe('shownCount', () => {
  it('returns 1 for a clear best passage and counts the next ones while nearly as relevant, up to max', () => {
    expect(DEFAULT_SHOW).toEqual({ minShare: 0.9, max: 2 });
    expect(shownCount([1.14, 0.59, 0.39])).toBe(1);
    expect(shownCount([0.93, 0.93, 0.69])).toBe(2);
    expect(shownCount([1, 0.95, 0.95, 0.95])).toBe(2);
    expect(shownCount([1, 0.95, 0.95, 0.5], { minShare: 0.9, max: 5 })).toBe(3);
    expect(shownCount([1, 0.8, 0.95], { minShare: 0.9, max: 5 })).toBe(1);
  });

  it('returns 0 for no passages', () => {
    expect(shownCount([])).toBe(0);
  });
});

describe('ask (shown)', () => {
  let service: ArticleService;
  let close: () => void = () => {};
  beforeAll(async () => {
    ({ service, close } = await openRealService());
  });
  afterAll(() => close());

  it.each([
    ['What is the fourth finding?', 'results/finding-4'],
    ['Төртінші тұжырым қандай?', 'results/finding-4'],
    ['Какой четвертый вывод?', 'results/finding-4'],
  ])('returns for "%s" the passage that answers alone, the rest behind More', async (q, section) => {
    const a = await service.ask(q);
    expect({ first: a.passages[0].section.id, shown: a.shown, more: a.total > a.shown! }).toEqual({ first: section, shown: 1, more: true });
  });

  it('returns every passage of a "More" page as shown', async () => {
    const a = await service.ask('What is the fourth finding?', { offset: 1, limit: 3 });
    expect({ ranks: a.passages.map((p) => p.rank), shown: a.shown }).toEqual({ ranks: [2, 3, 4], shown: 3 });
  });

  it.each([
    ['what are the main findings?', 5],
    ['list all five findings', 5],
    ['главные выводы', 5],
    ['негізгі тұжырымдар', 5],
    ['list of references', 18],
    ['список литературы', 18],
    ['әдебиеттер тізімі', 18],
  ])('returns the whole list for "%s" in one reply', async (q, n) => {
    const a = await service.ask(q);
    const items = Array.from({ length: n }, (_, i) => (n === 5 ? `results/finding-${i + 1}` : `references/${i + 1}`));
    expect({ shown: a.shown, sections: a.passages.slice(0, n).map((p) => p.section.id) }).toEqual({ shown: n, sections: items });
  });
});
