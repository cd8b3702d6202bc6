import { describe, expect, it } from 'vitest';
import { asksForItem, deeperQuery, itemQuery, itemRanking } from '../../src/dialogue/item.js';
import type { TurnState } from '../../src/dialogue/state.js';
import { createFakeService } from '../bot/fake-service.js';

describe('asksForItem', () => {
  it('returns true when the question names the number of the finding shown, in each language, and false for a topic', () => {
    expect(
      [
        ['What is the fourth finding?', 'en:results/finding-4:1'],
        ['finding 4', 'en:results/finding-4:1'],
        ['төртінші тұжырым', 'kk:results/finding-4:1'],
        ['а четвёртый вывод?', 'ru:results/finding-4:1'],
        ['What is the fourth finding?', 'en:results/finding-5:1'],
        ['How does AI affect criminal law?', 'en:results/finding-1:1'],
        ['What is the fourth finding?', 'en:discussion:4'],
      ].map(([q, id]) => asksForItem(q, id)),
    ).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('itemQuery', () => {
  it("returns a finding's Kazakh text (cut to 600 characters) for a finding, undefined for another place", () => {
    const service = createFakeService();
    const place = 'results/finding-3:1';
    expect(itemQuery(service, place)).toBe(deeperQuery(service.chunk(`kk:${place}`)!.text));
    expect(itemQuery(service, 'discussion:3')).toBeUndefined();
    expect(deeperQuery('x'.repeat(700))).toHaveLength(600);
  });
});

describe('itemRanking', () => {
  it('returns the elaboration question for a turn that asked for one finding by number, undefined for a list, a topic or an aspect', () => {
    const service = createFakeService();
    const turn = (q: string, shown: string[], aspect?: string): TurnState => ({
      q,
      base: q,
      ...(aspect ? { aspect } : {}),
      lang: 'en',
      start: 0,
      count: shown.length,
      next: shown.length,
      shown,
      msgs: [],
    });
    const third = turn('What is the third finding?', ['results/finding-3:1']);
    expect(itemRanking(service, third)).toEqual({ q: itemQuery(service, 'results/finding-3:1'), base: third.q });
    expect(
      [
        turn('What are the findings?', ['results/finding-1:1', 'results/finding-2:1']),
        turn('How does AI affect criminal law?', ['results/finding-3:1']),
        turn('What is the third finding?', ['results/finding-3:1'], 'why?'),
      ].map((t) => itemRanking(service, t)),
    ).toEqual([undefined, undefined, undefined]);
  });
});
