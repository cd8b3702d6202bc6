import { describe, expect, it } from 'vitest';
import { EvalSetError, firstHit, normaliseForMatch, parseEvalSet, score, type EvalItem, type EvalResult } from '../../src/eval/score.js';

const passage = (lang: 'kk' | 'ru' | 'en', text: string, sourceText = text) => ({ lang, text, sourceText });
const answered = (...passages: EvalResult['passages']): EvalResult => ({ answered: true, passages });
const UNANSWERED: EvalResult = { answered: false, passages: [] };

describe('normaliseForMatch', () => {
  it('returns lower case without quotes, soft hyphens and white space, dashes as hyphens', () => {
    expect(normaliseForMatch('«Жасанды  интеллект» — “AI”\u00AD’s')).toBe('жасандыинтеллект-ais');
    expect(normaliseForMatch('2024–2029 \'Law\' "Act"\n\t‘x’')).toBe('2024-2029lawactx');
    expect(normaliseForMatch('')).toBe('');
  });
});

describe('firstHit', () => {
  const item: EvalItem = { q: 'q', lang: 'kk', gold: ['құқықтық мәртебесі', 'киберқалқаны'] };

  it('returns the 1-based rank of the first passage containing a gold snippet', () => {
    expect(firstHit(item, answered(passage('kk', 'басқа'), passage('kk', 'Жасанды интеллекттің ҚҰҚЫҚТЫҚ\nмәртебесі')))).toBe(2);
    expect(firstHit(item, answered(passage('kk', '«Киберқалқаны»')))).toBe(1);
  });

  it('returns a hit by the source text of a translated passage', () => {
    expect(firstHit(item, answered(passage('en', 'legal status', 'құқықтық мәртебесі туралы')))).toBe(1);
  });

  it('returns a hit by the text of a reference the passage cites, and only within `depth` passages', () => {
    const citing = { ...passage('en', 'see [4]'), citations: [{ text: 'Cybersecurity Concept («Киберқалқаны»)' }] };
    expect(firstHit(item, answered(passage('en', 'other'), citing))).toBe(2);
    expect(firstHit(item, answered(passage('en', 'other'), citing), 1)).toBe(0);
  });

  it('returns a hit by the published text a translated reference stands for', () => {
    const citing = { ...passage('en', 'see [4]'), citations: [{ text: 'Cybersecurity Concept (Cyber Shield)', sourceText: 'Киберқауіпсіздік тұжырымдамасы («Киберқалқаны»)' }] };
    expect(firstHit(item, answered(citing))).toBe(1);
    expect(firstHit(item, answered({ ...citing, citations: [{ text: 'Cybersecurity Concept (Cyber Shield)' }] }))).toBe(0);
  });

  it('returns 0 beyond the top 5, for an unanswered result and for no match', () => {
    const five = Array.from({ length: 5 }, () => passage('kk', 'басқа'));
    expect(firstHit(item, answered(...five, passage('kk', 'киберқалқаны')))).toBe(0);
    expect(firstHit(item, answered(...five.slice(1), passage('kk', 'киберқалқаны')))).toBe(5);
    expect(firstHit(item, { answered: false, passages: [passage('kk', 'киберқалқаны')] })).toBe(0);
    expect(firstHit(item, answered(passage('kk', 'басқа')))).toBe(0);
  });
});

describe('score', () => {
  it('returns the recall, MRR, language and abstention figures of hand-made results', () => {
    const items: EvalItem[] = [
      { q: 'a', lang: 'en', gold: ['x'] },
      { q: 'b', lang: 'kk', gold: ['y'] },
      { q: 'c', lang: 'ru', gold: ['q'] },
      { q: 'd', lang: 'en', gold: [] },
      { q: 'e', lang: 'en', gold: [] },
    ];
    const results: EvalResult[] = [
      answered(passage('en', 'x marks')),
      answered(passage('en', 'z'), passage('kk', 'w'), passage('ru', 'перевод', 'y here')),
      UNANSWERED,
      UNANSWERED,
      answered(passage('en', 'x')),
    ];
    expect(score(items, results)).toEqual({
      questions: 5,
      answerable: 3,
      recall1: 1 / 3,
      recall3: 2 / 3,
      mrr5: (1 + 1 / 3) / 3,
      top1InLang: 1 / 3,
      falseAbstentions: 1,
      outOfScope: 2,
      abstention: 0.5,
      recallShown: 2 / 3,
      meanShown: 2,
      medianReply: NaN,
    });
  });

  it('returns R@shown over the passages a reply shows, the mean shown and the median reply length', () => {
    const items: EvalItem[] = [
      { q: 'a', lang: 'en', gold: ['x'] },
      { q: 'b', lang: 'en', gold: ['x'] },
      { q: 'c', lang: 'en', gold: ['x'] },
      { q: 'd', lang: 'en', gold: [] },
    ];
    const results: EvalResult[] = [
      { ...answered(passage('en', 'x')), shown: 1, reply: 'abc' },
      { ...answered(passage('en', 'z'), passage('en', 'x')), shown: 1, reply: 'abcdefg' },
      { ...answered(passage('en', 'z'), passage('en', 'x'), passage('en', 'y')), shown: 2, reply: 'abcde' },
      { ...answered(passage('en', 'x')), shown: 1, reply: 'not counted, out of scope' },
    ];
    expect(score(items, results)).toMatchObject({ recallShown: 2 / 3, meanShown: 4 / 3, medianReply: 5 });
  });

  it('returns a hit at rank 4 or 5 in MRR but not in recall@3', () => {
    const items: EvalItem[] = [{ q: 'a', lang: 'en', gold: ['x'] }];
    const results = [answered(passage('en', '1'), passage('en', '2'), passage('en', '3'), passage('en', 'x'))];
    expect(score(items, results)).toMatchObject({ recall1: 0, recall3: 0, mrr5: 0.25, top1InLang: 1 });
  });

  it('returns NaN shares when there is nothing to divide by', () => {
    const s = score([{ q: 'a', lang: 'en', gold: ['x'] }], [answered(passage('en', 'x'))]);
    expect(s.abstention).toBeNaN();
    expect(s.outOfScope).toBe(0);
    const none = score([], []);
    expect([none.recall1, none.recall3, none.mrr5, none.top1InLang, none.abstention].every(Number.isNaN)).toBe(true);
    expect(none.questions).toBe(0);
  });
});

describe('parseEvalSet', () => {
  it('returns the items of the non-empty lines', () => {
    const text = '{"q":"Заң қашан?","lang":"kk","gold":["2025"]}\n\n  \n{"q":"Bread?","lang":"en","gold":[]}\n';
    expect(parseEvalSet(text, 'set.jsonl')).toEqual([
      { q: 'Заң қашан?', lang: 'kk', gold: ['2025'] },
      { q: 'Bread?', lang: 'en', gold: [] },
    ]);
  });

  it('throws naming the file and line of a line that is not JSON', () => {
    expect(() => parseEvalSet('{"q":"a","lang":"en","gold":[]}\n{oops', 'set.jsonl')).toThrow(new EvalSetError('set.jsonl line 2 is not ' +
      'JSON: fix or remove it'));
  });

  it('throws naming the line of an item of the wrong shape', () => {
    const shape = 'set.jsonl line 1 is not {"q", "lang": "kk"|"ru"|"en", "gold": [...]}: fix or remove it';
    expect(() => parseEvalSet('{"q":"a","lang":"de","gold":[]}', 'set.jsonl')).toThrow(new EvalSetError(shape));
    expect(() => parseEvalSet('{"q":1,"lang":"en","gold":[]}', 'set.jsonl')).toThrow(new EvalSetError(shape));
    expect(() => parseEvalSet('{"q":"a","lang":"en","gold":"x"}', 'set.jsonl')).toThrow(new EvalSetError(shape));
  });

  it('throws naming the line number of the file, blank lines included', () => {
    expect(() => parseEvalSet('{"q":"a","lang":"en","gold":[]}\n\n{oops', 'set.jsonl')).toThrow('set.jsonl line 3 is not JSON');
  });

  it('throws naming the line of a null item', () => {
    expect(() => parseEvalSet('null', 'set.jsonl')).toThrow('set.jsonl line 1 is not {"q"');
  });
});
