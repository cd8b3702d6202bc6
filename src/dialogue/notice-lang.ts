import type { Lang } from '../corpus/types.js';
import type { DialogueState } from './state.js';

/** The languages a chat's notices may be in, besides the conversation's own. */
export interface LangPreference {
  /** Chosen by the reader (/lang). */
  chosen?: Lang;
  /** The reader's device or Telegram language, when nothing else tells. */
  fallback?: Lang;
}

/** Small talk that belongs to no language: a short Latin word ("ok", "lol", "thx") or no letters at all. */
export const UNIVERSAL_CHATTER = /^\s*(?:[a-z]{1,4}|[^\p{L}]*)[\s!?.)]*$/iu;

/**
 * The language of a notice about a message that has no language of its own ("😀😀"): the one the
 * reader chose, else the language of the conversation so far (its last turn), else the fallback,
 * else English. Pure.
 */
export function noticeLang(state: DialogueState | undefined, pref: LangPreference = {}): Lang {
  return pref.chosen ?? state?.turns[state.turns.length - 1]?.lang ?? pref.fallback ?? 'en';
}
