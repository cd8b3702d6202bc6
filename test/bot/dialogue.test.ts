/**
 * A conversation through the real bot, the real article service (lexical index built once in a
 * temp folder) and the fake Bot API: question → "and the fifth?" → "tell me more" → "in Russian
 * please" → restart → the first answer's "More" → a reply to an older answer; then small talk.
 * Expected replies are computed straight from the service and the formatter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnswerHtml } from '../../src/answer/format.js';
import { loadRetrievalConfig } from '../../src/config.js';
import type { Lang } from '../../src/corpus/types.js';
import { turnKey } from '../../src/dialogue/engine.js';
import { aspectRanking, pageOf, readAspect } from '../../src/dialogue/aspect.js';
import { deeperQuery } from '../../src/dialogue/item.js';
import type { ArticleService } from '../../src/retrieval/types.js';
import { openService } from '../../src/setup.js';
import type { FakeService } from './fake-service.js';
import { buttons, expectCleanRun, press, say, startHarness, type Harness } from './harness.js';

/** Each test here starts the CLI or the bot as a process: a busy machine must not fail it at the 5 s default. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

/** Building the lexical index on a busy 2-core machine, in ms. */
const INDEX_BUILD_MS = 60_000;

let real: ArticleService;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dialogue-bot-'));
  real = (await openService(loadRetrievalConfig({ EMBEDDER: 'lexical', INDEX_DIR: dir }), { log: () => undefined })).service;
}, INDEX_BUILD_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real service with the FakeService extras the harness expects. */
function recording(service: ArticleService): FakeService {
  const asked: FakeService['asked'] = [];
  return {
    ...service,
    asked,
    failNext() {},
    ask: (question, options = {}) => {
      asked.push({ question, options });
      return service.ask(question, options);
    },
  };
}

/** What the bot sends for a page of a standalone question, with the "↪" line for follow-ups. */
async function expected(question: string, lang: Lang | undefined, offset: number, understood = false): Promise<string[]> {
  const answer = await real.ask(question, { lang, offset, limit: 3 });
  const parts = formatAnswerHtml(answer, answer.lang);
  if (understood) parts[0] = `<i>↪ ${question}</i>\n\n${parts[0]}`;
  return parts;
}

/** How many passages the reply to a page of a question shows. */
async function shownOn(question: string, offset: number): Promise<number> {
  const answer = await real.ask(question, { offset, limit: 3 });
  return answer.shown ?? answer.passages.length;
}

const texts = (calls: Array<{ params: { text: string } }>) => calls.map((c) => c.params.text);
const ranks = (text: string) => [...text.matchAll(/^<b>(\d+)\. /gm)].map((m) => Number(m[1]));

describe('a conversation in a private chat', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let h: Harness;
  afterAll(async () => {
    expectCleanRun(h);
    await h.close();
  });

  it(
    'follows up, pages, changes language, survives a restart and continues the answer a reply quotes',
    async () => {
      h = await startHarness({ service: recording(real) });
      // message ids in the chat: user 1 → bot 2, user 3 → bot 4, user 5 → bot 6, user 7 → bot 8
      const first = await say(h, 'What is the first finding?');
      expect(texts(first)).toEqual(await expected('What is the first finding?', undefined, 0));
      // the reply shows only the passages that answer: "More" continues after them
      const firstShown = await shownOn('What is the first finding?', 0);
      expect(firstShown).toBe(1);
      expect(buttons(first[0])['More ▸']).toBe(`v1:more:1:${turnKey('What is the first finding?')}`);

      const fifth = await say(h, 'and the fifth?');
      expect(texts(fifth)).toEqual(await expected('What is the fifth finding?', 'en', 0, true));
      expect(fifth[0].params.text.split('\n')[2]).toBe('<b>1. § Results · finding 5</b> · <i>translated from Kazakh</i>');

      const fifthShown = await shownOn('What is the fifth finding?', 0);
      expect(fifthShown).toBe(1);
      // "more" after one finding: what the finding's own words find (Discussion, Conclusion …), not the next findings
      const deeper = deeperQuery(real.chunk('kk:results/finding-5:1')!.text);
      const more = await say(h, 'tell me more');
      expect(texts(more)).toEqual(await expected(deeper, 'en', 1));
      expect(more[0].params.text).not.toContain('§ Results · finding');
      const moreShown = await shownOn(deeper, 1);
      expect(ranks(more[0].params.text)).toEqual(Array.from({ length: moreShown }, (_, i) => 2 + i));

      const russian = await say(h, 'in Russian please');
      expect(texts(russian)).toEqual(await expected(deeper, 'ru', 1));
      expect(russian[0].params.text.split('\n')[0]).toMatch(/^<b>2\. § .+<\/b> · <i>перевод с казахского<\/i>$/);

      await h.restartBot();
      const { callback, messages } = await press(h, buttons(first[0])['More ▸'], { messageId: 2 });
      expect(callback.params.text).toBeUndefined();
      expect(texts(messages)).toEqual(await expected(deeperQuery(real.chunk('kk:results/finding-1:1')!.text), 'en', 1));

      // the current turn is now the first question's; a reply to the "fifth" answer (message 4) continues that one
      const why = await say(h, 'why?', { replyTo: 4 });
      // "why?" after one finding re-ranks the passages that elaborate it by the reasons they give (not the finding again)
      const ranked = (await aspectRanking(real, 'What is the fifth finding?', 'fifth finding — why?', readAspect('why?'), 'en'))!;
      const whyParts = formatAnswerHtml(pageOf(ranked, 0, 3), 'en');
      whyParts[0] = `<i>↪ fifth finding — why?</i>\n\n${whyParts[0]}`;
      expect(texts(why)).toEqual(whyParts);
      expect(why[0].params.text).not.toContain('§ Results · finding 5');
      expect(h.service.asked.map((a) => a.question)).toEqual([
        'What is the first finding?',
        'What is the fifth finding?',
        deeper,
        deeper,
        deeperQuery(real.chunk('kk:results/finding-1:1')!.text),
        'What is the fifth finding?',
        deeper,
      ]);
    },
    INDEX_BUILD_MS,
  );

  it("answers small talk in the reader's language with three example questions that ask themselves when pressed", async () => {
    const [hi] = await say(h, 'Рахмет!', { chatId: 502 });
    expect(hi.params.text).toBe('Оқасы жоқ! Мақала туралы тағы сұраңыз.\n\nМысалы, сұраңыз:');
    expect(buttons(hi)).toEqual({
      'ЖИ көмегімен жасалған туындылар кімге тиесілі?': 'v1:try:kk:3',
      'Дербес деректер туралы не айтылған?': 'v1:try:kk:4',
      'Авторлар қандай әдістерді қолданды?': 'v1:try:kk:5',
    });
    const { messages } = await press(h, 'v1:try:kk:5', { chatId: 502, messageId: 2 });
    expect(texts(messages)).toEqual(await expected('Авторлар қандай әдістерді қолданды?', 'kk', 0));
  });
});
