import type { Lang } from '../corpus/types.js';

/** Format version of the stored dialogue state; a state of another version is ignored. */
export const DIALOGUE_STATE_VERSION = 1;
/** Turns kept per chat (replies to older answers than these start afresh). */
export const MAX_TURNS = 6;
/** Message ids kept per turn (an answer's parts and its "More" pages). */
const MAX_MESSAGES = 8;
/** Passage places remembered per turn as already shown. */
const MAX_SHOWN = 30;

/**
 * One answered question of a chat. JSON-serialisable and small: a few hundred bytes.
 * `start`/`count` are the page last shown (what "in Russian" shows again), `next` the offset of
 * the page after it (what "more" shows).
 */
export interface TurnState {
  /** The standalone question retrieval ran. */
  q: string;
  /** The question follow-ups are rewritten from (`q`, unless `q` asked for an aspect of it). */
  base: string;
  /** For an aspect of `base` ("why?"): the follow-up as typed, which re-ranks `base`'s passages (src/dialogue/aspect.ts). */
  aspect?: string;
  /** Language of the passages shown. */
  lang: Lang;
  start: number;
  count: number;
  next: number;
  /** Places already shown (chunk ids without language prefix and `:tr` suffix). */
  shown: string[];
  /** Ids of the bot's messages that show this turn (a reply to one continues it). */
  msgs: number[];
}

/** What the bot keeps per chat (per chat and user in groups). */
export interface DialogueState {
  v: typeof DIALOGUE_STATE_VERSION;
  /** Last activity, ms since the epoch. */
  at: number;
  /** Oldest first; the last is the current turn. */
  turns: TurnState[];
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));

/** Whether a stored value is a whole dialogue state of this version (a damaged one is reset by the store's reader). */
export function isDialogueState(value: unknown): value is DialogueState {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Partial<DialogueState>;
  return s.v === DIALOGUE_STATE_VERSION && typeof s.at === 'number' && Array.isArray(s.turns) && s.turns.every(isTurnState);
}

function isTurnState(value: unknown): value is TurnState {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Partial<TurnState>;
  return (
    typeof t.q === 'string' &&
    typeof t.base === 'string' &&
    (t.aspect === undefined || typeof t.aspect === 'string') &&
    (t.lang === 'kk' || t.lang === 'ru' || t.lang === 'en') &&
    [t.start, t.count, t.next].every((n) => Number.isInteger(n) && (n as number) >= 0) &&
    isStrings(t.shown) &&
    isNumbers(t.msgs)
  );
}

/** A place in the article: the same paragraph in any language (`en:results/finding-4:1:tr` → `results/finding-4:1`). */
export const placeOf = (chunkId: string): string => chunkId.replace(/^(kk|ru|en):/, '').replace(/:tr$/, '');

/** The stored state when it is current, else an empty one (missing, of another version, or idle longer than `ttlMs`). */
export function current(stored: DialogueState | undefined, now: number, ttlMs: number): DialogueState {
  const valid = stored && stored.v === DIALOGUE_STATE_VERSION && Array.isArray(stored.turns) && now - stored.at <= ttlMs;
  return valid ? stored : { v: DIALOGUE_STATE_VERSION, at: now, turns: [] };
}

/** Index of the turn one of whose messages is `messageId`, or -1. */
export function turnOfMessage(state: DialogueState, messageId: number): number {
  return state.turns.findIndex((t) => t.msgs.includes(messageId));
}

/** Adds a turn as the current one, dropping the oldest beyond `MAX_TURNS`. */
export function addTurn(state: DialogueState, turn: TurnState, now: number): DialogueState {
  return { ...state, at: now, turns: [...state.turns, turn].slice(-MAX_TURNS) };
}

/** Replaces turn `index` and makes it the current one (a reply to an older answer continues that answer). */
export function updateTurn(state: DialogueState, index: number, turn: TurnState, now: number): DialogueState {
  const turns = state.turns.filter((_, i) => i !== index);
  return { ...state, at: now, turns: [...turns, turn] };
}

/** A turn after one more page was shown: `offset`, the passages shown, and their places remembered. */
export function paged(turn: TurnState, offset: number, shownIds: string[], lang: Lang): TurnState {
  const shown = [...new Set([...turn.shown, ...shownIds.map(placeOf)])].slice(-MAX_SHOWN);
  return { ...turn, lang, start: offset, count: shownIds.length, next: Math.max(turn.next, offset + shownIds.length), shown };
}

/** Records the ids of the messages that showed turn `index` (the bot sends them after the state is computed). */
export function attachMessages(state: DialogueState, index: number, messageIds: number[]): DialogueState {
  const turn = state.turns[index];
  if (!turn || messageIds.length === 0) return state;
  const turns = state.turns.slice();
  turns[index] = { ...turn, msgs: [...turn.msgs, ...messageIds].slice(-MAX_MESSAGES) };
  return { ...state, turns };
}
