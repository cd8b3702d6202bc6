import { QuestionError } from '../errors.js';

/** Longest question accepted, in characters (a Telegram message can be 4096). */
export const MAX_QUESTION_CHARS = 1000;

/**
 * Cleans a question: drops control, zero-width and direction characters, collapses white space.
 * @throws QuestionError when nothing is left, when it has no letter or digit, or when it is longer than `MAX_QUESTION_CHARS`.
 */
export function cleanQuestion(raw: string): string {
  const text = raw
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFFD]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0)
    throw new QuestionError('empty', 'the question is empty: type a question about the article, e.g. "What are the main findings?"');
  if (text.length > MAX_QUESTION_CHARS) {
    throw new QuestionError('too-long', `the question is ${text.length} characters long; ask in at most ${MAX_QUESTION_CHARS}`);
  }
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new QuestionError('no-words', 'the question has no words: type a question about the article, e.g. "What are the main findings?"');
  return text;
}
