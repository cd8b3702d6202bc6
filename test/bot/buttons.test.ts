import type { InlineKeyboard } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { answerKeyboard } from '../../src/bot/reply.js';
import type { Answer, Passage } from '../../src/retrieval/types.js';
import { turnKey } from '../../src/dialogue/engine.js';
import { BoundedMemoryStorage } from '../../src/dialogue/memory-storage.js';
import { buttons, expectCleanRun, pause, press, say, startHarness, type Harness } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let h: Harness;
afterEach(async () => {
  expectCleanRun(h);
  await h.close();
});

const ranks = (text: string) => [...text.matchAll(/^<b>(\d+)\. /gm)].map((m) => Number(m[1]));
const STALE = 'This button has expired. Please send your question again.';

describe('buttons under an answer', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('"More" sends the next passages of the same question', async () => {
    h = await startHarness();
    const q = 'What are the main findings of the article?';
    const [first] = await say(h, q);
    expect(ranks(first.params.text)).toEqual([1, 2, 3]);
    expect(buttons(first)['More ▸']).toBe(`v1:more:3:${turnKey(q)}`);
    const { callback, messages } = await press(h, buttons(first)['More ▸']);
    expect(callback.params.text).toBeUndefined();
    expect(ranks(messages[0].params.text)).toEqual([4, 5]);
    expect(buttons(messages[0])['More ▸']).toBeUndefined();
    expect(h.service.asked[1]).toEqual({ question: q, options: { lang: 'en', offset: 3, limit: 3 } });
  });

  it('"More" under a group member\'s answer pages that member\'s conversation for whoever presses it', async () => {
    h = await startHarness();
    const group = -1002;
    const q = 'What are the main findings of the article?';
    const asked = h.api.waitForCalls('sendMessage', 1, { filter: (p) => p.chat_id === group });
    h.api.sendText({ chatId: group, userId: 7001, text: `@article_qa_test_bot ${q}` });
    const [first] = await asked;
    const more = buttons(first)['More ▸'];
    expect(more).toBe(`v1:more:3:${turnKey(q)}:7001`);
    const pressed = (userId: number) => {
      const sent = h.api.waitForCalls('sendMessage', 1, { filter: (p) => p.chat_id === group });
      const answered = h.api.waitForCalls('answerCallbackQuery', 1);
      h.api.pressButton({ chatId: group, userId, data: more, messageId: 2 });
      return Promise.all([answered, sent]);
    };
    const [[callback], [page]] = await pressed(7002);
    expect(callback.params.text).toBeUndefined();
    expect(ranks(page.params.text)).toEqual([4, 5]);
    // the member's own conversation went on: pressed again (by anyone), nothing is repeated
    const again = h.api.waitForCalls('answerCallbackQuery', 1);
    const notice = h.api.waitForCalls('sendMessage', 1, { filter: (p) => p.chat_id === group });
    h.api.pressButton({ chatId: group, userId: 7003, data: more, messageId: 2 });
    await again;
    expect((await notice)[0].params.text).toBe('That is all the article says on this. Ask another question, or see /findings.');
  });

  it('"Original" sends the Kazakh text of a translated passage', async () => {
    h = await startHarness();
    const [answer] = await say(h, 'What is the risk-based approach?');
    const { messages } = await press(h, buttons(answer)['Original · 1']);
    expect(messages[0].params.text.split('\n').slice(0, 2)).toEqual([
      '<b>§ Results · finding 3</b> · <i>Original text (Kazakh)</i>',
      '<blockquote>Үшіншіден, халықаралық тәжірибені талдау жасанды интеллектті құқықтық реттеу барысында тәуекелге негізделген тәсілді ' +
        'қолданудың тиімділігін көрсетеді. Еуропалық Одақтың AI Акт құқықтық актісінде жасанды интеллект жүйелерін тәуекел деңгейіне ' +
        'қарай жіктеу арқылы оларды қолданудың құқықтық талаптары белгіленген.</blockquote>',
    ]);
  });

  it('"Other languages" sends the passage in the two other languages', async () => {
    h = await startHarness();
    const [answer] = await say(h, 'Что такое риск-ориентированный подход?');
    const { messages } = await press(h, buttons(answer)['Другие языки · 1']);
    const text: string = messages[0].params.text;
    expect(text.split('\n').filter((l) => l.startsWith('<b>'))).toEqual([
      '<b>§ Нәтижелер · тұжырым 3</b> · <i>казахский</i>',
      '<b>§ Results · finding 3</b> · <i>английский, перевод с казахского</i>',
    ]);
    expect(text).toContain('<blockquote>Third, the analysis of international experience');
  });

  it('answers stale, forged and old-version data politely and sends nothing', async () => {
    h = await startHarness();
    const forged = [
      'v1:more:3:AAAAAAAAAA',
      'v0:more:3:abc',
      'garbage',
      'v1:orig:xx:evil',
      'v1:orig:en:results/finding-9:1',
      'v1:langs:en:nothing:1',
      'v1:ex:en:7',
      'v1:sec:../../etc',
      'v1:lang:de',
      'v1:more:-1:AAAAAAAAAA',
      `v1:sec:${'a'.repeat(70)}`,
    ];
    for (const data of forged) {
      const { callback } = await press(h, data, { count: 0 });
      expect(callback.params.text, data).toBe(STALE);
    }
    await pause(50);
    expect(h.api.calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')).toEqual([]);
    expect(h.logs.filter((l) => / (WARN|ERROR) /.test(l))).toEqual([]);
  });

  it('"More" says the button expired once the conversation was idle longer than DIALOGUE_TTL_MIN (30 min), restart or not', async () => {
    let now = Date.now();
    h = await startHarness({ dialogueStorage: new BoundedMemoryStorage({ ttlMs: 30 * 60_000, now: () => now }) });
    const [first] = await say(h, 'What are the main findings of the article?');
    await pause(50); // the state is written after the reply is sent
    now += 31 * 60_000;
    await h.restartBot();
    const { callback } = await press(h, buttons(first)['More ▸'], { count: 0 });
    expect(callback.params.text).toBe(STALE);
  });

  it('still sends the reply when answering the button press fails, and logs no error', async () => {
    h = await startHarness();
    h.api.failNext('answerCallbackQuery', { kind: '500' }, 3);
    const [answer] = await say(h, 'What is the risk-based approach?');
    const { messages } = await press(h, buttons(answer)['Original · 1']);
    expect(messages[0].params.text).toContain('<i>Original text (Kazakh)</i>');
    expect(h.logs.filter((l) => l.includes(' ERROR '))).toEqual([]);
  });

  it('choosing the same language twice on one message is not an error', async () => {
    h = await startHarness();
    await press(h, 'v1:lang:kk', { messageId: 9, method: 'editMessageText' });
    const { callback } = await press(h, 'v1:lang:kk', { messageId: 9, method: 'editMessageText' });
    expect(callback.params.text).toBe('Интерфейс тілі: қазақ тілі.');
    await pause(50);
    expect(h.logs.filter((l) => l.includes(' ERROR '))).toEqual([]);
  });
});

describe('answerKeyboard', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  const passage = (rank: number): Passage => ({
    rank,
    id: `en:results/finding-${rank}:1`,
    section: { id: `results/finding-${rank}`, title: `Results · finding ${rank}` },
    lang: 'en',
    text: 'x',
    sourceText: 'x',
    score: 1,
    official: false,
    alsoIn: [],
    citations: [],
  });
  const answer = (shown: number, count: number, total: number): Answer => ({
    query: 'q',
    lang: 'en',
    answered: true,
    passages: Array.from({ length: count }, (_, i) => passage(i + 1)),
    total,
    shown,
  });
  const labels = (kb: InlineKeyboard) => kb.inline_keyboard.flat().map((b) => b.text);

  it('returns per-passage buttons for the shown passages only, and More after the last shown', () => {
    const kb = answerKeyboard(answer(1, 3, 6), 'KEY');
    expect(labels(kb)).toEqual(['Original · 1', 'Other languages · 1', 'More ▸']);
    expect(kb.inline_keyboard.flat().at(-1)).toEqual({ text: 'More ▸', callback_data: 'v1:more:1:KEY' });
  });

  it('returns no per-passage buttons when a whole list of more than 3 passages is shown', () => {
    expect(labels(answerKeyboard(answer(5, 5, 7), 'KEY'))).toEqual(['More ▸']);
    expect(labels(answerKeyboard(answer(5, 5, 5), 'KEY'))).toEqual([]);
  });
});
