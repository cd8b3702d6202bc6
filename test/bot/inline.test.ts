import { afterEach, describe, expect, it } from 'vitest';
import { INLINE_QUERIES_PER_QUESTION } from '../../src/bot/features/inline.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import { expectCleanRun, pause, startHarness, type Harness } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let h: Harness;
afterEach(async () => {
  expectCleanRun(h);
  await h.close();
});

/** 500 updates through the polling loop (about 2 s here) before the other user's question. */
const FLOOD_TIMEOUT_MS = 15_000;

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
async function inline(query: string) {
  const wait = h.api.waitForCalls('answerInlineQuery', 1);
  h.api.inlineQuery({ userId: 77, query });
  const [call] = await wait;
  return { ...call.params, results: json(call.params.results), button: json(call.params.button) };
}

describe('inline mode', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('returns up to five article results titled with the section reference', async () => {
    h = await startHarness();
    const answer = await inline('What are the main findings of the article?');
    expect(answer.cache_time).toBe(10);
    expect(answer.results.map((r: any) => [r.type, r.id, r.title])).toEqual(
      [1, 2, 3, 4, 5].map((n) => ['article', `p${n}`, `§ Results · finding ${n}`]),
    );
    const first = answer.results[0];
    expect(first.description).toBe(
      'First, the rapid development of artificial intelligence technologies requires the formation of new directions of legal…',
    );
    expect(first.input_message_content.parse_mode).toBe('HTML');
    expect(first.input_message_content.link_preview_options).toEqual({ is_disabled: true });
    expect(first.input_message_content.message_text.split('\n')[0]).toBe('<b>§ Results · finding 1</b> · <i>translated from Kazakh</i>');
    expect(first.input_message_content.message_text).toContain('href="https://doi.org/10.32523/2616-6844-2026-154-1-41-50"');
    for (const r of answer.results) expect(telegramHtmlProblems(r.input_message_content.message_text)).toEqual([]);
  });

  it('returns no results and a hint button for an empty query or one the article does not address', async () => {
    h = await startHarness();
    const empty = await inline('  ');
    expect([empty.results, empty.button]).toEqual([[], { text: 'Type a question about the article', start_parameter: 'inline' }]);
    const none = await inline('Кто выиграл чемпионат мира?');
    expect([none.results, none.button]).toEqual([[], { text: 'В статье об этом не говорится', start_parameter: 'inline' }]);
  });

  it("answers a flood of inline queries from one user only up to the limit, and another user's question meanwhile", {
    timeout: FLOOD_TIMEOUT_MS + 5000,
  }, async () => {
    h = await startHarness({ rateLimit: { max: 4, windowS: 20 } });
    const limit = 4 * INLINE_QUERIES_PER_QUESTION;
    for (let i = 0; i < 500; i++) h.api.inlineQuery({ userId: 77, query: `risk-based approach ${i}` });
    const wait = h.api.waitForCalls('sendMessage', 1, { filter: (p) => Number(p.chat_id) === 78, timeoutMs: FLOOD_TIMEOUT_MS });
    h.api.sendText({ chatId: 78, text: 'What is the risk-based approach?' });
    const [reply] = await wait;
    expect(reply.params.text.split('\n')[0]).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
    await pause(300);
    expect(h.api.calls.filter((c) => c.method === 'answerInlineQuery')).toHaveLength(limit);
    const searched = h.service.asked.map((a) => a.question);
    expect(searched.filter((q) => q.startsWith('risk'))).toEqual(Array.from({ length: limit }, (_, i) => `risk-based approach ${i}`));
    expect(searched.filter((q) => !q.startsWith('risk'))).toEqual(['What is the risk-based approach?']);
  });
});
