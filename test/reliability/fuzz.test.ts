/**
 * Fuzz: random Unicode strings through the real article service and the HTML formatter. The only
 * exceptions are the documented QuestionError kinds, each consistent with its input; every reply
 * part is valid Telegram HTML under 4096 characters, well-formed UTF-16, and never echoes control,
 * zero-width or direction characters.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnswerHtml, formatNoAnswerHtml } from '../../src/answer/format.js';
import { QuestionError } from '../../src/errors.js';
import { MAX_QUESTION_CHARS } from '../../src/retrieval/question.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { QUESTIONS } from './model.js';
import { openRealService, type RealService } from './support.js';

const SEED = 20260126;
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let real: RealService;
beforeAll(async () => {
  real = await openRealService();
});
afterAll(() => real?.dispose());

type Outcome = 'answered' | 'not answered' | QuestionError['kind'];

/** Asks one question and checks everything the fuzz promises; returns what happened. */
async function check(q: string): Promise<Outcome> {
  let answer: Awaited<ReturnType<typeof real.service.ask>>;
  try {
    answer = await real.service.ask(q, { limit: 3 });
  } catch (err) {
    if (!(err instanceof QuestionError)) throw err;
    if (err.kind === 'too-long') {
      expect(err.message).toMatch(new RegExp(`^the question is \\d+ characters long; ask in at most ${MAX_QUESTION_CHARS}$`));
      expect(Number(/is (\d+) characters/.exec(err.message)![1])).toBeGreaterThan(MAX_QUESTION_CHARS);
      expect(q.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    } else {
      expect(err.kind === 'empty' || err.kind === 'no-words').toBe(true);
      expect(HAS_WORD.test(q), 'a question with a letter or digit was refused as empty').toBe(false);
    }
    return err.kind;
  }
  const parts =
    answer.answered && answer.passages.length > 0 ? formatAnswerHtml(answer, answer.lang) : [formatNoAnswerHtml(answer.query, answer.lang)];
  expect(parts.length).toBeGreaterThan(0);
  for (const part of parts) {
    expect(telegramHtmlProblems(part, 4096), part).toEqual([]);
    expect(part.length).toBeLessThanOrEqual(4096);
    expect(part).not.toMatch(LONE_SURROGATE);
    expect(part).not.toMatch(INVISIBLE);
  }
  return answer.answered ? 'answered' : 'not answered';
}

async function fuzz(arbitrary: fc.Arbitrary<string>, numRuns: number) {
  const seen: Record<string, number> = {};
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (q) => {
      const outcome = await check(q);
      seen[outcome] = (seen[outcome] ?? 0) + 1;
    }),
    { seed: SEED, numRuns },
  );
  return { seen, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

describe('service.ask + formatter on random input', () => {
  it('handles 10,000 random Unicode strings of 0–1500 code points', async () => {
    const binary = fc.integer({ min: 0, max: 1500 }).chain((n) => fc.string({ unit: 'binary', minLength: n, maxLength: n }));
    const { seen, seconds } = await fuzz(binary, 10_000);
    console.log(`fuzz: 10000 random Unicode strings in ${seconds} s: ${JSON.stringify(seen)}`);
    expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(10_000);
    // the seed reaches every outcome but an answer (random code points rarely make a question)
    expect(Object.keys(seen).sort()).toEqual(expect.arrayContaining(['empty', 'no-words', 'not answered', 'too-long']));
  }, 60_000);

  it("handles 800 strings mixing the article's words with random Unicode, HTML and invisible characters", async () => {
    const words = [...new Set(QUESTIONS.flatMap((q) => q.split(/\s+/)))];
    const token = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<b>',
          '</i>',
          '&amp;',
          '&',
          '<',
          '>',
          '"',
          '\u202e',
          '\u200b',
          '\u0000',
          '\n',
          '*',
          '_',
          '[a](http://x)',
          '🇰🇿',
          '👍🏽',
        ),
      },
    );
    const mixed = fc.array(token, { minLength: 0, maxLength: 120, size: 'max' }).map((t) => t.join(' '));
    const { seen, seconds } = await fuzz(mixed, 800);
    console.log(`fuzz: 800 mixed strings in ${seconds} s: ${JSON.stringify(seen)}`);
    expect(seen.answered).toBeGreaterThan(150);
    expect(seen['not answered']).toBeGreaterThan(100);
  }, 60_000);
});
