import type { StorageAdapter } from 'grammy';
import type { Lang } from '../corpus/types.js';
import { questionKey, type CachedQuestion } from './question-cache.js';

/** How long the question behind a "More" button is kept in a state store: 7 days. */
export const QUESTION_TTL_S = 7 * 24 * 3600;
/** The state store namespace of the questions behind "More" buttons. */
export const QUESTION_NAMESPACE = 'questions';

/**
 * The questions behind "More" buttons, in a state store instead of one process's memory: with
 * Redis every replica finds the question of a button another replica sent (and with any store, a
 * restart forgets nothing). Same keys as the in-memory cache (`questionKey`), so buttons already
 * sent keep working when a bot switches. Asynchronous: callers await both methods.
 */
export interface StoredQuestionCache {
  /** Stores the question and returns its key: 10 URL-safe characters. */
  remember(question: string, lang: Lang): Promise<string>;
  /** The question of a key, or undefined when it was never stored, has expired or is damaged. */
  get(key: string): Promise<CachedQuestion | undefined>;
}

/**
 * ```ts
 * const questions = createStoredQuestionCache(store.sessions<CachedQuestion>(QUESTION_NAMESPACE, { ttlS: QUESTION_TTL_S }));
 * const key = await questions.remember('what is AI?', 'en');
 * ```
 */
export function createStoredQuestionCache(storage: StorageAdapter<CachedQuestion>): StoredQuestionCache {
  return {
    async remember(question, lang) {
      const key = questionKey(question, lang);
      await storage.write(key, { question, lang });
      return key;
    },
    async get(key) {
      const found: unknown = await storage.read(key);
      return isCachedQuestion(found) ? { question: found.question, lang: found.lang } : undefined;
    },
  };
}

function isCachedQuestion(v: unknown): v is CachedQuestion {
  const q = v as Partial<CachedQuestion> | null | undefined;
  return typeof q?.question === 'string' && q.question.length > 0 && (q.lang === 'kk' || q.lang === 'ru' || q.lang === 'en');
}
