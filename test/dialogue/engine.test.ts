import { describe, expect, it } from 'vitest';
import { createDialogueEngine, turnKey, type DialogueStep } from '../../src/dialogue/engine.js';
import { attachMessages, placeOf, type DialogueState } from '../../src/dialogue/state.js';
import { createFakeService } from '../bot/fake-service.js';

/** An engine over the fake service with a clock the test moves; every word counts as known unless listed. */
function setup(unknown: string[] = []) {
  const service = createFakeService();
  let now = 1_000_000;
  const engine = createDialogueEngine({ service, ttlMs: 30 * 60_000, now: () => now, knows: (w) => !unknown.includes(w) });
  return {
    service,
    engine,
    tick: (ms: number) => {
      now += ms;
    },
  };
}
const ids = (step: DialogueStep) => step.reply.answer?.passages.map((p) => p.id) ?? [];

describe('createDialogueEngine', () => {
  it('pages with "more" without repeating a place, and shows the same places again in another language', async () => {
    const { engine } = setup();
    const q = await engine.respond(undefined, 'What are the findings?');
    expect(q.reply).toMatchObject({
      act: 'question',
      lang: 'en',
      understoodAs: 'What are the findings?',
      showUnderstood: false,
      turn: 0,
      key: turnKey('What are the findings?'),
    });
    const more = await engine.respond(q.state, 'more');
    expect(more.reply.act).toBe('more');
    expect(
      ids(more)
        .map(placeOf)
        .filter((p) => ids(q).map(placeOf).includes(p)),
    ).toEqual([]);
    expect(ids(more).length).toBeGreaterThan(0);
    const ru = await engine.respond(more.state, 'по-русски');
    expect(ru.reply).toMatchObject({ act: 'language', lang: 'ru' });
    expect(ids(ru)).toEqual(ids(more).map((id) => id.replace(/^en:/, 'ru:')));
    const again = await engine.respond(ru.state, 'ещё');
    expect(again.reply.notice ?? ids(again)[0].slice(0, 3)).toBe(again.reply.notice ? 'nothingMore' : 'ru:');
  });

  it("asks for a question first when the first message has no topic of its own, in the reader's language", async () => {
    const { engine, service } = setup();
    const replies = await Promise.all(['why?', 'почему?', 'неге?'].map((m) => engine.respond(undefined, m)));
    expect(replies.map((r) => [r.reply.notice, r.reply.lang, r.reply.understoodAs, r.state.turns.length])).toEqual([
      ['askFirst', 'en', null, 0],
      ['askFirst', 'ru', null, 0],
      ['askFirst', 'kk', null, 0],
    ]);
    expect(service.asked).toEqual([]);
  });

  it('asks a question after a refused turn afresh, in any language, not glued onto the refused one', async () => {
    const { engine } = setup();
    const refused = await engine.respond(undefined, 'Who won the World Cup?');
    expect(refused.reply.answer?.answered).toBe(false);
    for (const m of ['о чем статья?', 'почему?', 'неге?']) {
      const next = await engine.respond(refused.state, m);
      expect([next.reply.act, next.reply.understoodAs, next.reply.showUnderstood]).toEqual(['question', m, false]);
    }
  });

  it('rewrites a follow-up from the previous base question and marks it to be shown', async () => {
    const { engine, service } = setup();
    const first = await engine.respond(undefined, 'What is the first finding?');
    const fifth = await engine.respond(first.state, 'and the fifth?');
    expect(fifth.reply).toMatchObject({ act: 'followup', understoodAs: 'What is the fifth finding?', showUnderstood: true });
    const why = await engine.respond(fifth.state, 'why?');
    expect(why.reply.understoodAs).toBe('fifth finding — why?');
    const second = await engine.respond(why.state, 'and the second?');
    expect(second.reply.understoodAs).toBe('What is the second finding?');
    // "why?" re-ranks the passages of its base question by the reason words they use
    expect(service.asked.map((a) => a.question)).toEqual([
      'What is the first finding?',
      'What is the fifth finding?',
      'What is the fifth finding?',
      'What is the second finding?',
    ]);
  });

  it(
    'answers an aspect from its base question\'s passages; "in Russian" shows the same places, "more" the rest of that ' + 'order',
    async () => {
      const { engine } = setup();
      const q = await engine.respond(undefined, 'What is the finding?');
      const why = await engine.respond(q.state, 'why?');
      expect(why.reply).toMatchObject({ act: 'followup', understoodAs: 'finding — why?', showUnderstood: true });
      expect(why.state.turns[1]).toMatchObject({ q: 'finding — why?', base: 'What is the finding?', aspect: 'why' });
      expect(ids(why).slice(0, why.reply.answer!.shown)).toEqual(['en:results/finding-1:1', 'en:results/finding-4:1']);
      const ru = await engine.respond(why.state, 'по-русски');
      expect(ids(ru).slice(0, ru.reply.answer!.shown)).toEqual(['ru:results/finding-1:1', 'ru:results/finding-4:1']);
      const more = await engine.respond(ru.state, 'ещё');
      // the rest of that order, less what the conversation already showed on the topic (the question's own reply)
      const before = q.state.turns[0].shown;
      expect(before).toEqual(['results/finding-1:1', 'results/finding-2:1', 'results/finding-3:1']);
      expect(ids(more)).toEqual(['ru:results/finding-5:1']);
    },
  );

  it('pages an aspect turn with "more" to the end without showing any place the conversation showed on the topic', async () => {
    const { engine } = setup();
    let step = await engine.respond(undefined, 'What is the finding?');
    const shown = [...ids(step).slice(0, step.reply.answer?.shown).map(placeOf)];
    step = await engine.respond(step.state, 'why?');
    shown.push(...ids(step).slice(0, step.reply.answer?.shown).map(placeOf));
    const pages: string[][] = [];
    for (let i = 0; i < 10; i++) {
      step = await engine.respond(step.state, 'more');
      if (step.reply.notice) break;
      pages.push(ids(step).map(placeOf));
    }
    expect(step.reply.notice).toBe('nothingMore');
    const more = pages.flat();
    expect(more.filter((p) => shown.includes(p))).toEqual([]);
    expect(new Set(more).size).toBe(more.length);
    // the fake article's five findings: every one is shown once in the whole conversation
    expect(new Set([...shown, ...more])).toEqual(new Set([1, 2, 3, 4, 5].map((n) => `results/finding-${n}:1`)));
  });

  it('reads a question that points back as a follow-up when the article does not answer it alone', async () => {
    const { engine, service } = setup();
    const q = await engine.respond(undefined, 'What is the finding?');
    const which = await engine.respond(q.state, 'which of them is the corresponding author?');
    expect(which.reply).toMatchObject({ act: 'followup', understoodAs: 'finding — which of them is the corresponding author?' });
    // the question alone, then the topic's passages (none has its words), then the rewritten question
    expect(service.asked.map((a) => a.question)).toEqual([
      'What is the finding?',
      'which of them is the corresponding author?',
      'What is the finding?',
      'finding — which of them is the corresponding author?',
      'finding — which of them is the corresponding author?',
    ]);
    const answered = await engine.respond(q.state, 'which of them is about criminal liability?');
    expect(answered.reply).toMatchObject({ act: 'question', understoodAs: 'which of them is about criminal liability?' });
  });

  it('says "not addressed" for a follow-up naming something the article never uses, without asking the service', async () => {
    const { engine, service } = setup(['China']);
    const eu = await engine.respond(undefined, 'What is the risk-based approach?');
    const china = await engine.respond(eu.state, 'does it apply in China?');
    expect(china.reply.answer).toEqual({
      query: 'risk-based approach — does it apply in China?',
      lang: 'en',
      answered: false,
      passages: [],
      total: 0,
    });
    expect(service.asked).toHaveLength(1);
  });

  it('continues the turn a reply quotes, and forgets everything after DIALOGUE_TTL_MIN of silence', async () => {
    const { engine, tick } = setup();
    let { state, reply } = await engine.respond(undefined, 'What is the first finding?');
    state = attachMessages(state, reply.turn, [2]);
    ({ state } = await engine.respond(state, 'What is the risk-based approach?'));
    const quoted = await engine.respond(state, 'and the third?', { replyTo: 2 });
    expect(quoted.reply.understoodAs).toBe('What is the third finding?');
    expect(await engine.more(quoted.state, { messageId: 2 })).toMatchObject({
      reply: { act: 'more', understoodAs: 'What is the first finding?' },
    });
    tick(31 * 60_000);
    expect((await engine.respond(quoted.state, 'and the fifth?')).reply.act).toBe('question');
    expect(await engine.more(quoted.state, { messageId: 2 })).toBeUndefined();
  });

  it('answers "ok" or "lol" (and "😂" with its notice) in the chosen language, else the conversation\'s; words of a language in that language', async () => {
    const { engine } = setup();
    const russian = await engine.respond(undefined, 'Каковы основные выводы?');
    const langs = await Promise.all([
      engine.respond(undefined, 'ok'),
      engine.respond(undefined, 'ok', { lang: { chosen: 'kk' } }),
      engine.respond(russian.state, 'lol'),
      engine.respond(russian.state, '😂'),
      engine.respond(russian.state, 'thanks a lot'),
    ]);
    expect(langs.map((s) => [s.reply.act, s.reply.lang])).toEqual([
      ['smalltalk', 'en'],
      ['smalltalk', 'kk'],
      ['smalltalk', 'ru'],
      ['question', 'ru'], // no words: the notice, in the conversation's language too
      ['smalltalk', 'en'],
    ]);
  });

  it('says there are five findings when asked for the sixth after one, without searching for "sixth"', async () => {
    const { engine, service } = setup();
    const first = await engine.respond(undefined, 'What is the first finding?');
    const sixth = await engine.respond(first.state, 'and the sixth?');
    expect(sixth.reply).toMatchObject({ act: 'followup', lang: 'en', notice: 'noSuchFinding', turn: 0 });
    expect(service.asked.map((a) => a.question)).toEqual(['What is the first finding?']);
    expect((await engine.respond(first.state, 'а шестой?')).reply).toMatchObject({ lang: 'ru', notice: 'noSuchFinding' });
  });

  it('answers small talk and "more" before any question without retrieval, keeping the state small', async () => {
    const { engine, service } = setup();
    expect((await engine.respond(undefined, 'thanks!')).reply).toMatchObject({
      act: 'smalltalk',
      smalltalk: 'thanks',
      understoodAs: null,
      turn: -1,
    });
    expect((await engine.respond(undefined, 'ещё')).reply).toMatchObject({
      act: 'more',
      lang: 'ru',
      notice: 'askFirst',
      understoodAs: null,
    });
    expect(service.asked).toEqual([]);
    let state: DialogueState | undefined;
    for (let i = 0; i < 20; i++) state = (await engine.respond(state, `What is the risk-based approach number ${i}?`)).state;
    expect(state!.turns).toHaveLength(6);
    expect(JSON.stringify(state).length).toBeLessThan(3000);
  });

  it("answers a message with no words with a notice in the chosen language, else the conversation's, else the fallback", async () => {
    const { engine, service } = setup();
    const noWords = async (
      state: DialogueState | undefined,
      text: string,
      lang?: { chosen?: 'kk' | 'ru' | 'en'; fallback?: 'kk' | 'ru' | 'en' },
    ) => (await engine.respond(state, text, { lang })).reply;
    expect(await noWords(undefined, '😀😀')).toMatchObject({
      act: 'question',
      lang: 'en',
      notice: 'noWords',
      understoodAs: null,
      turn: -1,
    });
    expect((await noWords(undefined, '???', { fallback: 'kk' })).lang).toBe('kk');
    const ru = await engine.respond(undefined, 'Что такое риск-ориентированный подход?');
    expect((await noWords(ru.state, '???', { fallback: 'en' })).lang).toBe('ru');
    expect((await noWords(ru.state, '😀😀', { chosen: 'kk', fallback: 'en' })).lang).toBe('kk');
    expect(await noWords(ru.state, 'x'.repeat(1001))).toMatchObject({ lang: 'ru', notice: 'tooLong' });
    expect(service.asked.map((a) => a.question)).toEqual(['Что такое риск-ориентированный подход?']);
  });
});
