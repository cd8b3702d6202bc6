import { afterEach, describe, expect, it } from 'vitest';
import { formatNoAnswerHtml } from '../../src/answer/format.js';
import { QuestionError } from '../../src/errors.js';
import { buttons, expectCleanRun, pause, say, startHarness, type Harness } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let h: Harness;
afterEach(async () => {
  expectCleanRun(h);
  await h.close();
});

const firstLine = (text: string) => text.split('\n')[0];

describe('questions in a private chat', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('answers an English question with the section reference, the source and the buttons', async () => {
    h = await startHarness();
    const typing = h.api.waitForCalls('sendChatAction', 1);
    const [msg] = await say(h, 'What is the risk-based approach?');
    expect((await typing)[0].params).toMatchObject({ chat_id: 501, action: 'typing' });
    expect(firstLine(msg.params.text)).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
    expect(msg.params.text).toContain(
      '<blockquote>Third, the analysis of international experience demonstrates the effectiveness of applying a risk-based approach',
    );
    expect(msg.params.text).toContain(
      '<i>Source: Berdiyarova, Saimova, Abdullaeva (2026) “Legal problems of using artificial intelligence”</i>',
    );
    expect(msg.params.link_preview_options).toEqual({ is_disabled: true });
    expect(buttons(msg)).toEqual({
      'Original · 1': 'v1:orig:en:results/finding-3:1',
      'Other languages · 1': 'v1:langs:en:results/finding-3:1',
    });
    expect(h.service.asked).toEqual([{ question: 'What is the risk-based approach?', options: { offset: 0, limit: 3 } }]);
  });

  it('answers a Russian question in Russian with the citation resolved', async () => {
    h = await startHarness();
    const [msg] = await say(h, 'Какой закон регулирует искусственный интеллект в Казахстане?', { languageCode: 'en' });
    expect(firstLine(msg.params.text)).toBe('<b>1. § Обсуждение</b> · <i>перевод с казахского</i>');
    expect(msg.params.text).toContain('\n[18] Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ.');
    expect(msg.params.text).toContain('<i>Источник: Бердиярова, Саймова, Абдуллаева (2026)');
    expect(Object.keys(buttons(msg))).toEqual(['Оригинал · 1', 'Другие языки · 1']);
  });

  it('answers a Kazakh question with the official text and no "Original" button', async () => {
    h = await startHarness();
    const [msg] = await say(h, 'Қазақстанда жасанды интеллектті қандай заң реттейді?');
    expect(firstLine(msg.params.text)).toBe('<b>1. § Талқылау</b>');
    expect(buttons(msg)).toEqual({ 'Басқа тілдер · 1': 'v1:langs:kk:discussion:4' });
  });

  it('says the article does not address a question it has nothing on', async () => {
    h = await startHarness();
    const [msg] = await say(h, 'Who won the 2022 World Cup?');
    expect(msg.params.text).toBe(formatNoAnswerHtml('Who won the 2022 World Cup?', 'en'));
    expect(msg.params.reply_markup).toBeUndefined();
  });

  it('gives a hint for a question the service rejects, and an apology with a redacted log for a failure', async () => {
    h = await startHarness();
    expect((await say(h, 'x'.repeat(1200)))[0].params.text).toBe(
      'This message is too long. Ask a question about the article in at most 1000 characters.',
    );
    expect(h.service.asked).toEqual([]);
    h.service.failNext(new QuestionError('too-long', 'the question is 1200 characters long; ask in at most 1000'));
    expect((await say(h, 'What is the approach?'))[0].params.text).toBe(
      'Please type a question about the article as text (up to 1000 characters).',
    );
    h.service.failNext(new Error(`index at /bot${h.api.token}/x is broken`));
    expect((await say(h, 'What is the risk?'))[0].params.text).toBe('Sorry, something went wrong. Please try again a little later.');
    await pause(50);
    expect(h.logs.filter((l) => l.includes(' ERROR '))).toEqual([
      expect.stringMatching(/ ERROR update \d+ failed: index at \/bot\[redacted\]\/x is broken$/),
    ]);
  });
});

describe('messages with no words', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('answers them in the language of the conversation, else of Telegram, with a capital letter', async () => {
    h = await startHarness();
    expect((await say(h, '😀😀', { languageCode: 'kk' }))[0].params.text).toBe(
      'Хабарламада сөз жоқ. Мақала туралы сұрақ жазыңыз, мысалы: «Мақаланың негізгі тұжырымдары қандай?»',
    );
    await say(h, 'Что такое риск-ориентированный подход?', { languageCode: 'en' });
    expect((await say(h, '???', { languageCode: 'en' }))[0].params.text).toBe(
      'В сообщении нет слов. Напишите вопрос о статье, например: «Каковы основные выводы?»',
    );
  });
});

describe('questions in a group', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('ignores chatter and answers a mention, a reply to the bot and a command', async () => {
    h = await startHarness();
    const group = -1001;
    const wait = h.api.waitForCalls('sendMessage', 3, { filter: (p) => p.chat_id === group });
    h.api.sendText({ chatId: group, text: 'What is the risk-based approach? (chatter, not for the bot)' });
    h.api.sendText({ chatId: group, text: '@article_qa_test_bot what is the risk-based approach?' });
    await h.api.waitForCalls('sendMessage', 1, { filter: (p) => p.chat_id === group });
    h.api.sendText({ chatId: group, text: 'and criminal liability?', replyToBot: true });
    h.api.sendText({ chatId: group, text: 'some more chatter' });
    h.api.sendText({ chatId: group, text: '/about@article_qa_test_bot' });
    const sent = await wait;
    await pause(100);
    expect(h.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
    // the reply continues the bot's answer: its new subject goes into the previous question's frame
    expect(h.service.asked.map((a) => a.question)).toEqual(['what is the risk-based approach?', 'what is criminal liability?']);
    expect(firstLine(sent[0].params.text)).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
    expect(sent[0].params.reply_parameters).toEqual({ message_id: 2, allow_sending_without_reply: true });
    expect(sent[1].params.text.split('\n').slice(0, 3)).toEqual([
      '<i>↪ what is criminal liability?</i>',
      '',
      '<b>1. § Results · finding 4</b> · <i>translated from Kazakh</i>',
    ]);
    expect(firstLine(sent[2].params.text)).toBe('<b>About the article</b>');
  });
});

describe('limits and faults', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('answers at most RATE_LIMIT_MAX questions per window and says so once', async () => {
    h = await startHarness({ rateLimit: { max: 2, windowS: 20 } });
    const wait = h.api.waitForCalls('sendMessage', 3);
    for (const q of ['risk?', 'criminal liability?', 'security?', 'purpose?']) h.api.sendText({ chatId: 501, text: q });
    const sent = await wait;
    await pause(150);
    expect(h.service.asked.map((a) => a.question)).toEqual(['risk?', 'criminal liability?']);
    expect(sent[2].params.text).toBe('Too many questions in a row: please try again in 20 s.');
    expect(h.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
  });

  it('retries a sendMessage refused with 429 after retry_after and delivers the answer once', async () => {
    h = await startHarness();
    h.api.failNext('sendMessage', { kind: '429', retryAfter: 1 });
    const [refused, delivered] = await say(h, 'What is the risk-based approach?', { count: 2 });
    expect(delivered.params.text).toBe(refused.params.text);
    expect(delivered.at - refused.at).toBeGreaterThanOrEqual(990);
    await pause(50);
    expect(h.api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
    // retry_after plus up to 10 % of jitter
    expect(
      h.logs.some((l) => /WARN sendMessage failed \(429 Too Many Requests: retry after 1\): retry 1 of 2 in 1(0\d\d|100) ms$/.test(l)),
    ).toBe(true);
  });
});
