import { afterEach, describe, expect, it } from 'vitest';
import { formatAboutHtml, formatHelpHtml, formatStartHtml } from '../../src/answer/views.js';
import { commandList } from '../../src/bot/commands.js';
import type { RecordedCall } from '../support/fake-bot-api.js';
import { buttons, expectCleanRun, pause, press, say, startHarness, type Harness } from './harness.js';

/** Each test here runs the bot against a fake Bot API (or Redis) on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 15_000;

let h: Harness;
afterEach(async () => {
  expectCleanRun(h);
  await h.close();
});

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

describe('start-up', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('registers the command menu for kk, ru, en and a default', async () => {
    let registered!: Promise<RecordedCall[]>;
    h = await startHarness({
      beforeStart: (api) => {
        registered = api.waitForCalls('setMyCommands', 4);
      },
    });
    const calls = (await registered).map((c) => [c.params.language_code, json(c.params.commands)]);
    expect(calls.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['en', commandList('en')],
      ['kk', commandList('kk')],
      ['ru', commandList('ru')],
      [undefined, commandList('en')],
    ]);
    expect(commandList('ru')[3]).toEqual({ command: 'sections', description: 'Оглавление статьи' });
  });

  it('logs a failed command registration and still answers', async () => {
    h = await startHarness({ beforeStart: (api) => api.failNext('setMyCommands', { kind: '500' }, 12) });
    const [msg] = await say(h, 'What is the risk-based approach?');
    expect(msg.params.text).toContain('§ Results · finding 3');
    for (let i = 0; i < 50 && h.logs.filter((l) => l.includes('could not register')).length < 4; i++) await pause(20);
    expect(
      h.logs
        .filter((l) => l.includes('could not register'))
        .map((l) => l.replace(/^\S+ /, ''))
        .sort(),
    ).toEqual(
      ['default', 'en', 'kk', 'ru'].map(
        (s) =>
          `WARN could not register the command menu (${s}): GrammyError: Call to 'setMyCommands' failed! (500: Internal Server Error); ` +
          `the bot works without it`,
      ),
    );
  });
});

describe('commands', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('/start introduces the article with three example buttons, and a button asks its question', async () => {
    h = await startHarness();
    const [msg] = await say(h, '/start');
    expect(msg.params.text).toBe(formatStartHtml('en'));
    expect(buttons(msg)).toEqual({
      'What are the main findings of the article?': 'v1:ex:en:0',
      'Which law regulates artificial intelligence in Kazakhstan?': 'v1:ex:en:1',
      'What is the risk-based approach?': 'v1:ex:en:2',
    });
    const { callback, messages } = await press(h, 'v1:ex:en:2');
    expect(callback.params.text).toBeUndefined();
    expect(h.service.asked).toEqual([{ question: 'What is the risk-based approach?', options: { lang: 'en', offset: 0, limit: 3 } }]);
    expect(messages[0].params.text.split('\n')[0]).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
  });

  it('/start, /help and /about follow Telegram language_code', async () => {
    h = await startHarness();
    expect((await say(h, '/start', { languageCode: 'kk' }))[0].params.text).toBe(formatStartHtml('kk'));
    expect((await say(h, '/help', { languageCode: 'ru-RU' }))[0].params.text).toBe(formatHelpHtml('ru', 'article_qa_test_bot'));
    expect((await say(h, '/about', { languageCode: 'de' }))[0].params.text).toBe(formatAboutHtml('en'));
  });

  it('/sections lists the sections as buttons and a button sends the section text', async () => {
    h = await startHarness();
    const [msg] = await say(h, '/sections');
    expect(msg.params.text).toBe('Table of contents — choose a section:');
    expect(Object.entries(buttons(msg)).slice(0, 4)).toEqual([
      ['Abstract', 'v1:sec:abstract'],
      ['Methods', 'v1:sec:methods'],
      ['Discussion', 'v1:sec:discussion'],
      ['Results · finding 1', 'v1:sec:results/finding-1'],
    ]);
    const { messages } = await press(h, 'v1:sec:results/finding-4');
    expect(messages[0].params.text.split('\n\n').slice(0, 2)).toEqual([
      '<b>§ Results · finding 4</b> · <i>translated from Kazakh</i>',
      'Fourth, the application of artificial intelligence technologies also gives rise to new legal problems in the field of criminal ' +
        'law. In this regard, the need to clarify the issues of legal liability for offences committed through the use of artificial ' +
        'intelligence has been identified.',
    ]);
    const { callback } = await press(h, 'v1:sec:no-such-section', { count: 0 });
    expect(callback.params.text).toBe('This button has expired. Please send your question again.');
  });

  it('/findings sends the five findings in order', async () => {
    h = await startHarness();
    const [msg] = await say(h, '/findings', { languageCode: 'ru' });
    const headings = msg.params.text.split('\n').filter((l: string) => l.startsWith('<b>'));
    expect(headings).toEqual([
      '<b>Пять выводов статьи</b>',
      ...[1, 2, 3, 4, 5].map((n) => `<b>§ Результаты · вывод ${n}</b> · <i>перевод с казахского</i>`),
    ]);
    // the findings are now the topic: a follow-up builds on them (before, it was told to ask a question first)
    const [third] = await say(h, 'а третий?', { languageCode: 'ru' });
    expect(third.params.text.split('\n')[0]).toBe('<i>↪ выводы — третий?</i>');
  });

  it('answers unknown commands and non-text messages with a pointer to /help', async () => {
    h = await startHarness();
    expect((await say(h, '/frobnicate'))[0].params.text).toBe('There is no such command. Help: /help');
    const wait = h.api.waitForCalls('sendMessage', 1);
    h.api.pushUpdate({
      message: {
        message_id: 50,
        date: 0,
        chat: { id: 501, type: 'private', first_name: 'U' },
        from: { id: 501, is_bot: false, first_name: 'U' },
        sticker: { file_id: 'f', file_unique_id: 'u', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      },
    } as never);
    expect((await wait)[0].params.text).toBe('I answer text questions only. Help: /help');
  });
});

describe('/lang', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('remembers the chosen language per user across a restart', async () => {
    h = await startHarness();
    const [msg] = await say(h, '/lang');
    expect(buttons(msg)).toEqual({ Қазақша: 'v1:lang:kk', Русский: 'v1:lang:ru', English: 'v1:lang:en' });
    const { callback, messages } = await press(h, 'v1:lang:ru', { method: 'editMessageText', messageId: 2 });
    expect(callback.params.text).toBe('Язык интерфейса: русский.');
    expect(messages[0].params).toMatchObject({ text: 'Язык интерфейса: русский.', message_id: 2 });
    await h.restartBot();
    expect((await say(h, '/about', { languageCode: 'en' }))[0].params.text).toBe(formatAboutHtml('ru'));
    expect((await say(h, '/about', { chatId: 502, languageCode: 'en' }))[0].params.text).toBe(formatAboutHtml('en'));
    expect(h.api.calls.filter((c) => c.method === 'sendMessage' && c.params.text === 'Choose the interface language:')).toHaveLength(1);
  });
});
