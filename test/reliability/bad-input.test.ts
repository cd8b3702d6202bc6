/**
 * Bad input against the real bot and the real article service over the fake Bot API: every kind
 * of odd update gets exactly the reply (or the silence) asserted here, and a normal question sent
 * right after it in the same chat is still answered. Updates of one chat/user are handled in order
 * (sequentialize), so that answer also proves the odd update was fully handled before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNoAnswerHtml } from '../../src/answer/format.js';
import { fill, t } from '../../src/answer/i18n.js';
import { MAX_QUESTION_CHARS } from '../../src/retrieval/question.js';
import { escapeHtml } from '../../src/answer/rich.js';
import { formatHelpHtml } from '../../src/answer/views.js';
import { ALLOWED_UPDATES } from '../../src/bot/run.js';
import { dialogueText } from '../../src/dialogue/messages.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';
import {
  BOT_USERNAME,
  expectCleanRun,
  expectedReply,
  openRealService,
  spyService,
  startBot,
  textsTo,
  type BotRun,
  type RealService,
  type ServiceSpy,
} from './support.js';

const en = t('en');
const BAD = escapeHtml(fill(en.badQuestion, { max: MAX_QUESTION_CHARS })); // 'Please type a question about the article as text (up to 1000 characters).'
/** The dialogue's notices for a message with no words and one over MAX_QUESTION_CHARS (English: no conversation yet, no Telegram language). */
const NO_WORDS = escapeHtml(dialogueText('en').noWords); // 'There are no words in this message. Type a question about the article, …'
const TOO_LONG = escapeHtml(dialogueText('en').tooLong); // 'This message is too long. Ask a question about the article in at most 1000 characters.'
const UNHANDLED = escapeHtml(en.unhandled); // 'I answer text questions only. Help: /help'
const UNKNOWN = escapeHtml(en.unknownCommand); // 'There is no such command. Help: /help'
const STALE = en.stale;
/** The "not addressed" reply echoing the cleaned question `q` (English: the bot's default interface language). */
const noAnswer = (q: string) => formatNoAnswerHtml(q, 'en');
/** Characters no reply may contain: controls, zero-width and direction marks/overrides. */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** The normal question sent after each odd update; the Russian one where the odd one is the same question in English. */
const SENTINEL = 'What is the risk-based approach?';
const SENTINEL_RU = 'Какой закон регулирует искусственный интеллект в Казахстане?';
let real: RealService;
let service: ServiceSpy;
let run: BotRun;
let sentinel: string[];
let sentinelRu: string[];
let nextChat = 1000;

beforeAll(async () => {
  real = await openRealService();
  service = spyService(real.service);
  run = await startBot({ service });
  sentinel = await expectedReply(real.service, SENTINEL);
  sentinelRu = await expectedReply(real.service, SENTINEL_RU);
});
afterAll(async () => {
  await run?.close();
  real?.dispose();
});

const user = (id: number) => ({ id, is_bot: false, first_name: `User${id}`, username: `user${id}` });
const privateChat = (id: number) => ({ id, type: 'private' as const, first_name: `User${id}`, username: `user${id}` });
let messageId = 10_000;
/** A private-chat message from user `chatId` with arbitrary content (sticker, photo, …). */
const message = (chatId: number, content: object) => ({
  message: { message_id: ++messageId, date: 1_700_000_000, chat: privateChat(chatId), from: user(chatId), ...content },
});

/**
 * Pushes the odd update(s) of a fresh private chat, then the normal question from the same
 * user; resolves with every text sent to that chat once the normal question is answered.
 */
async function exchange<T = void>(
  push: (chatId: number) => T,
  normal: 'en' | 'ru' = 'en',
): Promise<{ chatId: number; texts: string[]; pushed: Awaited<T> }> {
  const chatId = ++nextChat;
  const last = (normal === 'en' ? sentinel : sentinelRu).slice(-1)[0];
  const answered = run.api.waitForCalls('sendMessage', 1, {
    timeoutMs: 8000,
    filter: (p) => Number(p.chat_id) === chatId && p.text === last,
  });
  const pushed = push(chatId);
  run.api.sendText({ chatId, text: normal === 'en' ? SENTINEL : SENTINEL_RU });
  const [, result] = await Promise.all([answered, pushed]);
  return { chatId, texts: textsTo(run.api, chatId), pushed: result };
}

/** The replies to one text message in a fresh private chat (the normal question's reply stripped off). */
async function replyTo(text: string, normal: 'en' | 'ru' = 'en'): Promise<string[]> {
  const { texts } = await exchange((chatId) => {
    run.api.sendText({ chatId, text });
  }, normal);
  const after = normal === 'en' ? sentinel : sentinelRu;
  expect(texts.slice(-after.length)).toEqual(after);
  return texts.slice(0, -after.length);
}

describe('text messages', () => {
  it('refuses a 4096-character message with the "at most 1000 characters" notice, and answers one of 1000', async () => {
    const long = 'What is the risk-based approach? '.repeat(200).slice(0, 4096);
    expect(long).toHaveLength(4096);
    expect(await replyTo(long)).toEqual([TOO_LONG]);
    expect(await replyTo('x'.repeat(4096))).toEqual([TOO_LONG]);
    const max = 'What is the risk-based approach in the regulation of artificial intelligence? '.repeat(13).slice(0, 1000);
    const reply = await replyTo(max);
    expect(reply).toEqual(await expectedReply(real.service, max));
    expect(reply[0].split('\n')[0]).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
  });

  it('gives the "no words" notice for emoji, punctuation or zero-width characters only, the hint for white space only', async () => {
    expect(await replyTo('😀🎉👍🏽❤️‍🔥🇰🇿')).toEqual([NO_WORDS]);
    expect(await replyTo(' \t\n\u00a0\u2003\u3000 ')).toEqual([BAD]);
    expect(await replyTo('\u200b\u200c\u200d\u2060\ufeff')).toEqual([NO_WORDS]);
    expect(await replyTo('?!… —')).toEqual([NO_WORDS]);
  });

  it('answers a question with zero-width and direction characters inside exactly like the clean question', async () => {
    expect(await replyTo('What\u200b is the risk\u200d-based\u2060 approach?\ufeff', 'ru')).toEqual(sentinel);
    expect(await replyTo('\u202bWhat is the \u202erisk-based\u202c approach?\u200f', 'ru')).toEqual(sentinel);
  });

  it('never echoes control, zero-width or direction characters back in a "not addressed" reply', async () => {
    expect(await replyTo('\u202eWho won the 2022 World Cup?\u202c')).toEqual([noAnswer('Who won the 2022 World Cup?')]);
    expect(await replyTo('Who\u0007 won\u0000 the 2022\u200b World Cup?')).toEqual([noAnswer('Who won the 2022 World Cup?')]);
    expect(await replyTo('ما هو النهج القائم على المخاطر؟')).toEqual([noAnswer('ما هو النهج القائم على المخاطر؟')]);
    expect(await replyTo('מה הגישה מבוססת הסיכונים?')).toEqual([noAnswer('מה הגישה מבוססת הסיכונים?')]);
  });

  it('escapes HTML and leaves Markdown as literal text', async () => {
    const html = await replyTo('<b>x</b> <script>alert(1)</script>');
    expect(html).toEqual([noAnswer('<b>x</b> <script>alert(1)</script>')]);
    expect(html[0]).toContain('“&lt;b&gt;x&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;”');
    const markdown = await replyTo('*bold* _x_ [a](http://x)');
    expect(markdown).toEqual([noAnswer('*bold* _x_ [a](http://x)')]);
    expect(markdown[0]).toContain('“*bold* _x_ [a](http://x)”');
    const entities = await replyTo('&lt;b&gt; &amp; &#60;i&#62; </blockquote>');
    expect(entities).toEqual([noAnswer('&lt;b&gt; &amp; &#60;i&#62; </blockquote>')]);
    expect(entities[0]).toContain('“&amp;lt;b&amp;gt; &amp;amp; &amp;#60;i&amp;#62; &lt;/blockquote&gt;”');
    // not the sentinel's question: a reply equal to the sentinel's would end the exchange early
    const injected = 'How does the <b>risk-based approach</b> classify AI systems? <a href="http://evil.example">x</a>';
    const reply = await replyTo(injected);
    expect(reply).toEqual(await expectedReply(real.service, injected));
    expect(reply[0].split('\n')[0]).toBe('<b>1. § Results · finding 3</b> · <i>translated from Kazakh</i>');
    expect(reply.join('')).not.toContain('evil');
  });

  it('answers unknown commands with the pointer to /help', async () => {
    expect(await replyTo('/foo')).toEqual([UNKNOWN]);
    expect(await replyTo(`/foo@${BOT_USERNAME} what is this?`)).toEqual([UNKNOWN]);
    expect(await replyTo('/')).toEqual([UNKNOWN]);
    expect(await replyTo('/start@some_other_bot')).toEqual([UNKNOWN]);
  });
});

describe('updates without text', () => {
  it('answers stickers, photos (with or without a caption), voice and documents in a private chat with "text questions only"', async () => {
    const file = { file_id: 'AgAD', file_unique_id: 'AQAD' };
    const { texts } = await exchange((chatId) => {
      run.api.pushUpdate(
        message(chatId, {
          sticker: { ...file, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😀' },
        }) as any,
      );
      run.api.pushUpdate(message(chatId, { photo: [{ ...file, width: 90, height: 90 }] }) as any);
      run.api.pushUpdate(message(chatId, { photo: [{ ...file, width: 90, height: 90 }], caption: SENTINEL }) as any);
      run.api.pushUpdate(message(chatId, { voice: { ...file, duration: 3, mime_type: 'audio/ogg' } }) as any);
      run.api.pushUpdate(message(chatId, { document: { ...file, file_name: 'article.pdf', mime_type: 'application/pdf' } }) as any);
    });
    expect(texts).toEqual([UNHANDLED, UNHANDLED, UNHANDLED, UNHANDLED, UNHANDLED, ...sentinel]);
  });

  it('says nothing about a sticker in a group', async () => {
    const group = -100_500;
    const answered = run.api.waitForCalls('sendMessage', 1, { timeoutMs: 8000, filter: (p) => Number(p.chat_id) === group });
    run.api.pushUpdate({
      message: {
        message_id: ++messageId,
        date: 0,
        chat: { id: group, type: 'supergroup', title: 'G' },
        from: user(1001),
        sticker: { file_id: 'a', file_unique_id: 'b', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      },
    } as any);
    run.api.sendText({ chatId: group, userId: 1001, text: `@${BOT_USERNAME} ${SENTINEL}` });
    await answered;
    expect(textsTo(run.api, group)).toEqual(sentinel);
  });

  it('stays silent on an edited message and answers a forwarded channel post like any question', async () => {
    const { texts } = await exchange((chatId) => {
      run.api.pushUpdate({
        edited_message: { ...message(chatId, { text: 'Who won the 2022 World Cup?' }).message, edit_date: 1_700_000_100 },
      } as any);
      const channel = { id: -100_900, type: 'channel', title: 'News' };
      run.api.pushUpdate(
        message(chatId, {
          text: 'Who won the 2022 World Cup?',
          forward_origin: { type: 'channel', chat: channel, message_id: 7, date: 0 },
        }) as any,
      );
      run.api.pushUpdate(
        message(chatId, {
          photo: [{ file_id: 'a', file_unique_id: 'b', width: 1, height: 1 }],
          forward_origin: { type: 'channel', chat: channel, message_id: 8, date: 0 },
        }) as any,
      );
    });
    expect(texts).toEqual([noAnswer('Who won the 2022 World Cup?'), UNHANDLED, ...sentinel]);
  });

  it('does not ask Telegram for channel posts or edits, ignores a channel post it gets anyway, and answers a command there', async () => {
    for (const c of run.api.calls.filter((x) => x.method === 'getUpdates')) expect(c.params.allowed_updates).toEqual([...ALLOWED_UPDATES]);
    expect([...ALLOWED_UPDATES]).toEqual(['message', 'callback_query', 'inline_query']);
    const channel = { id: -100_777, type: 'channel', title: 'Channel' };
    const answered = run.api.waitForCalls('sendMessage', 1, { timeoutMs: 8000, filter: (p) => Number(p.chat_id) === channel.id });
    run.api.pushUpdate({ channel_post: { message_id: 1, date: 0, chat: channel, text: SENTINEL } } as any);
    run.api.pushUpdate({
      channel_post: {
        message_id: 2,
        date: 0,
        chat: channel,
        sticker: { file_id: 'a', file_unique_id: 'b', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false },
      },
    } as any);
    run.api.pushUpdate({ edited_channel_post: { message_id: 1, date: 0, edit_date: 1, chat: channel, text: 'edited' } } as any);
    run.api.pushUpdate({
      channel_post: { message_id: 3, date: 0, chat: channel, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
    } as any);
    await answered;
    expect(textsTo(run.api, channel.id)).toEqual([formatHelpHtml('en', BOT_USERNAME)]);
  });
});

describe('callback queries', () => {
  /** Deterministic pseudo-random strings (mulberry32). */
  function randomStrings(seed: number, count: number): string[] {
    let s = seed;
    const next = () => {
      s = (s + 0x6d2b79f5) | 0;
      let x = Math.imul(s ^ (s >>> 15), 1 | s);
      x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
      return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
    };
    return Array.from({ length: count }, () => {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256)));
      return next() < 0.5 ? bytes.toString('latin1') : bytes.toString('utf8'); // the latter with U+FFFD for invalid sequences
    });
  }

  it('answers random, oversized, forged and stale callback data with "expired" and sends nothing', async () => {
    const data = [
      ...randomStrings(20260126, 12),
      'x'.repeat(64),
      'v1:'.padEnd(64, 'z'),
      `v1:sec:${'a'.repeat(57)}`,
      `v1:sec:${'a'.repeat(58)}`,
      'ж'.repeat(32),
      'v1:more:3:AAAAAAAAAA',
      'v1:more:0:AAAAAAAAAA',
      'v1:orig:en:results/finding-9:1',
      'v1:langs:kk:intro:999',
      'v0:ex:en:0',
      'v1:ex:en:3',
      'v1:ex:de:0',
      'v1:lang:de',
      'v1:sec:no-such-section',
      'v2:sec:intro',
      'v1:',
      '',
    ];
    expect(Buffer.byteLength(`v1:sec:${'a'.repeat(57)}`)).toBe(64);
    const asked = service.asked.length;
    const { texts, pushed: acks } = await exchange((chatId) => {
      const answered = run.api.waitForCalls('answerCallbackQuery', data.length + 1, { timeoutMs: 8000 });
      for (const d of data) run.api.pressButton({ chatId, data: d, messageId: 1 });
      run.api.pushUpdate({
        callback_query: {
          id: 'cbq-game',
          from: user(chatId),
          chat_instance: 'ci',
          game_short_name: 'game',
          message: { message_id: 1, date: 0, chat: privateChat(chatId), text: 'x' },
        },
      } as any);
      return answered;
    });
    expect(texts).toEqual(sentinel);
    expect(acks.map((c) => c.params.text)).toEqual(Array(data.length + 1).fill(STALE));
    expect(acks[acks.length - 1].params.callback_query_id).toBe('cbq-game');
    expect(service.asked.slice(asked)).toEqual([SENTINEL]);
  });
});

describe('inline queries', () => {
  /** Sends one inline query from a fresh user and resolves with the answerInlineQuery parameters. */
  async function inline(query: string): Promise<any> {
    const {
      pushed: [call],
    } = await exchange((chatId) => {
      const answered = run.api.waitForCalls('answerInlineQuery', 1, {
        timeoutMs: 8000,
        filter: (p) => p.inline_query_id === `iq-${chatId}`,
      });
      run.api.pushUpdate({ inline_query: { id: `iq-${chatId}`, from: user(chatId), query, offset: '', chat_type: 'sender' } } as any);
      return answered;
    });
    return call.params;
  }
  const hint = (id: string, text: string) => ({
    inline_query_id: id,
    results: [],
    cache_time: 10,
    button: { text, start_parameter: 'inline' },
  });

  it('answers an empty, a blank and an emoji-only query with the hint button and no results', async () => {
    const empty = await inline('');
    expect(empty).toEqual(hint(empty.inline_query_id, en.inlineHint));
    const blank = await inline(' \u200b ');
    expect(blank).toEqual(hint(blank.inline_query_id, en.inlineHint));
    const emoji = await inline('😀'.repeat(128));
    expect(emoji).toEqual(hint(emoji.inline_query_id, en.inlineHint));
  });

  it('answers a 256-character query the article has nothing on with "does not address" and no results', async () => {
    const none = await inline('x'.repeat(256));
    expect(none).toEqual(hint(none.inline_query_id, en.inlineNothing));
  });

  it('answers a 256-character question with at most five valid article results', async () => {
    const query = 'What is the risk-based approach? '.repeat(8).slice(0, 256);
    expect(query).toHaveLength(256);
    const got = await inline(query);
    expect(got.cache_time).toBe(10);
    expect(got.results.length).toBeGreaterThanOrEqual(1);
    expect(got.results.length).toBeLessThanOrEqual(5);
    expect(got.results.map((r: any) => r.id)).toEqual(got.results.map((_: unknown, i: number) => `p${i + 1}`));
    expect(got.results[0].title).toBe('§ Results · finding 3');
    for (const r of got.results) {
      expect(r.type).toBe('article');
      expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
      expect(r.title.length).toBeGreaterThan(0);
      expect(Array.from(r.description).length).toBeLessThanOrEqual(120);
      expect(r.input_message_content.parse_mode).toBe('HTML');
      expect(telegramHtmlProblems(r.input_message_content.message_text, 4096)).toEqual([]);
    }
  });
});

describe('after all of it', () => {
  it('has logged no error, sent only clean texts and still answers a normal question', async () => {
    expect(await replyTo(SENTINEL_RU)).toEqual(sentinelRu);
    expect(run.logs.filter((l) => / (ERROR|WARN) /.test(l))).toEqual([]);
    expectCleanRun(run.api, run.logs);
    for (const c of run.api.calls.filter((x) => x.method === 'sendMessage')) expect(String(c.params.text)).not.toMatch(INVISIBLE);
    expect(run.api.delivered('sendMessage')).toHaveLength(run.api.calls.filter((x) => x.method === 'sendMessage').length);
  });
});
