import { describe, expect, it } from 'vitest';
import { dialogueTable, parseDialogueSet, passes, tally, type DialogueItem, type TurnResult } from '../../src/eval/dialogues.js';
import { EvalSetError } from '../../src/eval/score.js';

const p = (id: string, lang: 'kk' | 'ru' | 'en', text = '', sourceText = text) => ({ id, lang, text, sourceText, citations: [] });
const turn = (act: string, answered: boolean, passages: TurnResult['passages'] = []): TurnResult => ({ act, answered, passages });
const item = (check: DialogueItem['check'], extra: Partial<DialogueItem> = {}): DialogueItem => ({ id: 'x', lang: 'en', turns: ['a', 'b'], check, ...extra });

describe('passes', () => {
  it('checks gold in the top 3 of an answered last turn, normalised, in text, source or citations', () => {
    const gold = item('gold', { gold: ['Екіншіден'] });
    expect(passes(gold, [turn('question', true), turn('followup', true, [p('en:a:1', 'en'), p('en:b:1', 'en', 'Second', 'Екіншіден, ' +
      '...')])])).toBe(true);
    expect(passes(gold, [turn('followup', true, [p('en:a:1', 'en'), p('en:b:1', 'en'), p('en:c:1', 'en'), p('en:d:1', 'en', 'Екіншіден')])])).toBe(false);
    expect(passes(gold, [turn('followup', false, [p('en:b:1', 'en', 'Екіншіден')])])).toBe(false);
    expect(passes(item('gold', { gold: ['217'] }), [turn('question', true, [{ ...p('en:r:1', 'en'), citations: [{ text: 'resolution 217 ' +
      'A' }] }])])).toBe(true);
  });

  it('checks "more" by places: a passage of the previous turn in another language or as a translation counts as repeated', () => {
    const prev = turn('question', true, [p('kk:results/finding-4:1', 'kk')]);
    expect(passes(item('more'), [prev, turn('more', true, [p('en:introduction:5', 'en')])])).toBe(true);
    expect(passes(item('more'), [prev, turn('more', true, [p('en:results/finding-4:1:tr', 'en')])])).toBe(false);
    expect(passes(item('more'), [prev, turn('more', false)])).toBe(false);
  });

  it('checks a language change, abstention and small talk', () => {
    const prev = turn('question', true, [p('en:introduction:6', 'en'), p('en:abstract:1', 'en')]);
    expect(passes(item('lang', { expectLang: 'kk' }), [prev, turn('language', true, [p('kk:introduction:6', 'kk'), p('kk:abstract:1', 'kk')])])).toBe(true);
    expect(passes(item('lang', { expectLang: 'kk' }), [prev, turn('language', true, [p('kk:introduction:6', 'kk'), p('ru:abstract:1', 'ru')])])).toBe(false);
    expect(passes(item('lang', { expectLang: 'kk' }), [prev, turn('language', true, [p('kk:abstract:1', 'kk')])])).toBe(false);
    expect(passes(item('abstain'), [prev, turn('followup', false)])).toBe(true);
    expect(passes(item('smalltalk'), [turn('smalltalk', false)])).toBe(true);
    expect(passes(item('smalltalk'), [turn('question', false)])).toBe(false);
  });
});

describe('tally and dialogueTable', () => {
  it('counts per language and check kind and prints the table', () => {
    const items = [item('gold', { lang: 'kk', gold: ['x'] }), item('more', { lang: 'kk' }), item('smalltalk', { lang: 'en' })];
    expect(dialogueTable(tally(items, [true, false, true]))).toBe([
      '| lang | gold | more | lang | abstain | smalltalk | all | score |',
      '|---|---|---|---|---|---|---|---|',
      '| kk | 1/1 | 0/1 | - | - | - | 1/2 | 0.500 |',
      '| ru | - | - | - | - | - | - | - |',
      '| en | - | - | - | - | 1/1 | 1/1 | 1.000 |',
      '| all | 1/1 | 0/1 | - | - | 1/1 | 2/3 | 0.667 |',
      '',
    ].join('\n'));
  });
});

describe('parseDialogueSet', () => {
  it('reads dialogues and names the line of a malformed one', () => {
    expect(parseDialogueSet('{"id":"v1","lang":"ru","turns":["Спасибо!"],"check":"smalltalk"}\n\n', 'set')).toEqual([{ id: 'v1', lang: 'ru', turns: ['Спасибо!'], check: 'smalltalk' }]);
    expect(() => parseDialogueSet('\n{"id":"v1","lang":"ru","turns":["a"],"check":"gold"}', 'set')).toThrow(EvalSetError);
    expect(() => parseDialogueSet('\n{"id":"v1","lang":"ru","turns":["a"],"check":"gold"}', 'set')).toThrow(/^set line 2 is not \{"id"/);
  });
});
