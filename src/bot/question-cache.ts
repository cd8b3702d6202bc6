import { createHash } from 'node:crypto';
import type { Lang } from '../corpus/types.js';

/** A remembered question, found again by the short key in a "More" button. */
export interface CachedQuestion { question: string; lang: Lang }

export interface QuestionCache {
  /** Remembers a question and returns its key: 10 URL-safe characters. */
  remember(question: string, lang: Lang): string;
  /** The question of a key, or undefined when it was never seen or has been evicted (a restart forgets all). */
  get(key: string): CachedQuestion | undefined;
}

/** The key of a question: the first 10 base64url characters of sha256(lang + question). */
export function questionKey(question: string, lang: Lang): string {
  return createHash('sha256').update(`${lang}\n${question}`).digest('base64url').slice(0, 10);
}

/** An in-memory LRU of questions. Defaults to 2000 entries. */
export function createQuestionCache(maxEntries = 2000): QuestionCache {
  const entries = new Map<string, CachedQuestion>();
  return {
    remember(question, lang) {
      const key = questionKey(question, lang);
      entries.delete(key);
      entries.set(key, { question, lang });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return key;
    },
    get(key) {
      const found = entries.get(key);
      if (found) { entries.delete(key); entries.set(key, found); }
      return found;
    },
  };
}
