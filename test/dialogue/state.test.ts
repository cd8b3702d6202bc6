import { describe, expect, it } from 'vitest';
import { DIALOGUE_STATE_VERSION, isDialogueState, type DialogueState } from '../../src/dialogue/state.js';

const turn = {
  q: 'What is the first finding?',
  base: 'What is the first finding?',
  lang: 'en',
  start: 0,
  count: 1,
  next: 1,
  shown: ['results/finding-1:1'],
  msgs: [2],
};
const state: DialogueState = { v: DIALOGUE_STATE_VERSION, at: 1_000, turns: [turn as DialogueState['turns'][number]] };

describe('isDialogueState', () => {
  it('returns true for a whole state of this version', () => {
    expect(isDialogueState(state)).toBe(true);
    expect(isDialogueState({ ...state, turns: [] })).toBe(true);
  });

  it('returns false for damaged values a store may hold', () => {
    for (const damaged of [
      null,
      'x',
      42,
      [],
      { ...state, v: 2 },
      { ...state, at: 'now' },
      { ...state, turns: [null] },
      { ...state, turns: [{ ...turn, lang: 'de' }] },
      { ...state, turns: [{ ...turn, next: -1 }] },
      { ...state, turns: [{ ...turn, msgs: ['2'] }] },
      { ...state, turns: [{ ...turn, shown: 'results' }] },
    ]) {
      expect(isDialogueState(damaged)).toBe(false);
    }
  });
});
