import { describe, expect, it } from 'vitest';
import { QuestionError } from '../../src/errors.js';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../../src/retrieval/question.js';

const errorOf = (f: () => unknown): QuestionError => {
  try {
    f();
  } catch (err) {
    return err as QuestionError;
  }
  throw new Error('expected a throw');
};
const EXAMPLE = 'type a question about the article, e.g. "What are the main findings?"';

describe('cleanQuestion', () => {
  it('returns the question without control, zero-width and direction characters, white space collapsed', () => {
    expect(cleanQuestion('  What\u0000 is\u200B  the\n\tlaw?\u202E\uFEFF ')).toBe('What is the law?');
    expect(cleanQuestion('Заң\u200Cы қандай?')).toBe('Заңы қандай?');
  });

  it('returns composed (NFC) text', () => {
    expect(cleanQuestion('и\u0306')).toBe('й');
  });

  it('returns a question of exactly MAX_QUESTION_CHARS characters', () => {
    expect(MAX_QUESTION_CHARS).toBe(1000);
    expect(cleanQuestion('a'.repeat(1000))).toHaveLength(1000);
    expect(cleanQuestion(`  ${'a'.repeat(1000)}  `)).toHaveLength(1000);
  });

  it('throws QuestionError kind empty for blank input', () => {
    for (const raw of ['', '   ', '\n\t', '\u200B\u2060']) {
      const err = errorOf(() => cleanQuestion(raw));
      expect(err).toBeInstanceOf(QuestionError);
      expect(err.kind).toBe('empty');
      expect(err.message).toBe(`the question is empty: ${EXAMPLE}`);
    }
  });

  it('throws QuestionError kind no-words for input without a letter or digit', () => {
    for (const raw of ['😀😀', '?!', '— … —']) {
      const err = errorOf(() => cleanQuestion(raw));
      expect(err.kind).toBe('no-words');
      expect(err.message).toBe(`the question has no words: ${EXAMPLE}`);
    }
  });

  it('throws QuestionError kind too-long above MAX_QUESTION_CHARS', () => {
    const err = errorOf(() => cleanQuestion('a'.repeat(1001)));
    expect(err.kind).toBe('too-long');
    expect(err.message).toBe('the question is 1001 characters long; ask in at most 1000');
    expect(errorOf(() => cleanQuestion('a '.repeat(10_000))).message).toBe('the question is 19999 characters long; ask in at most 1000');
  });

  it('returns QuestionError as a user error named QuestionError', () => {
    expect(errorOf(() => cleanQuestion('')).name).toBe('QuestionError');
  });
});
