import { createHash } from 'node:crypto';
import type { Lang } from '../corpus/types.js';
import { QuestionError } from '../errors.js';
import { cleanQuestion, MAX_QUESTION_CHARS } from '../retrieval/question.js';
import type { Answer, ArticleService } from '../retrieval/types.js';
import { aspectRanking, pageOf, readAspect } from './aspect.js';
import { itemRanking, LIST_ITEM } from './item.js';
import { classify, type Act, type Followup, type SmalltalkKind } from './classify.js';
import { type LangPreference, noticeLang, UNIVERSAL_CHATTER } from './notice-lang.js';
import { rewrite } from './rewrite.js';
import { addTurn, current, paged, placeOf, turnOfMessage, updateTurn, type DialogueState, type TurnState } from './state.js';
import { articleVocabulary, sharesStem, type Knows } from './vocabulary.js';

/** What the engine made of one message, for the bot, the terminal chat and `ask --dialogue` to show. */
export interface DialogueReply {
  act: Act;
  /** The reader's language (of interface text such as notices and small talk). */
  lang: Lang;
  /** The standalone question retrieval ran, or null when none ran. */
  understoodAs: string | null;
  /** True for follow-ups: the reply shows "↪ understoodAs" so a misunderstanding is visible. */
  showUnderstood: boolean;
  /** The page of passages (or "not addressed") when retrieval ran, or a follow-up was refused. */
  answer?: Answer;
  /**
   * Set instead of an answer: nothing more to show, "more"/"in Russian" before any question, a
   * message with no words ("😀😀", "???") or one longer than the service takes.
   */
  notice?: Notice;
  smalltalk?: SmalltalkKind;
  /** Index in the returned state of the turn this reply shows (message ids are attached to it), or -1. */
  turn: number;
  /** Key of that turn for a "More" button (10 URL-safe characters), or '' when there is none. */
  key: string;
}

export { type LangPreference, noticeLang } from './notice-lang.js';

export type Notice = 'nothingMore' | 'askFirst' | 'noWords' | 'tooLong' | 'noSuchFinding';

export interface DialogueStep {
  reply: DialogueReply;
  state: DialogueState;
}

export interface DialogueOptions {
  service: ArticleService;
  /** Passages per page. Defaults to 3. */
  pageSize?: number;
  /** State idle longer than this is ignored, in ms. Defaults to 30 minutes. */
  ttlMs?: number;
  /** Clock, ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** Which words the article uses. Defaults to the service's own sections. */
  knows?: Knows;
}

export interface DialogueEngine {
  /**
   * Answers one chat message; `replyTo` is the id of the bot message it replies to (that turn
   * continues); `lang` picks the language of a notice about a message with no words (`noticeLang`).
   */
  respond(stored: DialogueState | undefined, text: string, options?: { replyTo?: number; lang?: LangPreference }): Promise<DialogueStep>;
  /** Asks a fresh question (an example button), optionally in a given language. */
  ask(stored: DialogueState | undefined, question: string, lang?: Lang): Promise<DialogueStep>;
  /** The next page of the turn shown by message `messageId` (else the turn with `key`); undefined when neither is remembered. */
  more(stored: DialogueState | undefined, ref: { messageId?: number; key?: string }): Promise<DialogueStep | undefined>;
}

/** The "More" key of a standalone question: the first 10 base64url characters of its sha256. */
export const turnKey = (question: string): string => createHash('sha256').update(question).digest('base64url').slice(0, 10);

/** How many of an answer's passages the reply shows (all unless the service says otherwise). */
/** Pages of passages already shown on the topic that "more" skips before it says there is nothing more. */
const MORE_SKIP_PAGES = 3;

export const shownCount = (answer: Answer): number =>
  Math.min((answer as { shown?: number }).shown ?? answer.passages.length, answer.passages.length);

/**
 * Creates the dialogue engine shared by the bot, the terminal chat and `ask --dialogue`. It is
 * stateless: every call takes the stored state and returns the new one (JSON, kept by the caller).
 * ```ts
 * const engine = createDialogueEngine({ service });
 * let { reply, state } = await engine.respond(undefined, 'What is the first finding?');
 * ({ reply, state } = await engine.respond(state, 'and the fifth?')); // reply.understoodAs: 'What is the fifth finding?'
 * ```
 */
export function createDialogueEngine(options: DialogueOptions): DialogueEngine {
  const { service, pageSize = 3, ttlMs = 30 * 60_000, now = Date.now } = options;
  let knows = options.knows;
  const vocabulary = (): Knows => (knows ??= articleVocabulary(service));

  const base = (lang: Lang, act: Act): DialogueReply => ({ act, lang, understoodAs: null, showUnderstood: false, turn: -1, key: '' });

  /** A page of a turn's answer: an aspect's re-ranking of its base's passages, else what retrieval gives for `q`. */
  async function answerFor(
    turn: Pick<TurnState, 'q' | 'base' | 'aspect'>,
    lang: Lang | undefined,
    offset: number,
    limit: number,
  ): Promise<Answer> {
    if (turn.aspect !== undefined) {
      const ranked = await aspectRanking(service, turn.base, turn.q, readAspect(turn.aspect), lang);
      if (ranked) return pageOf(ranked, offset, limit);
    }
    return service.ask(turn.q, { lang, offset, limit });
  }

  async function fresh(
    state: DialogueState,
    asked: Pick<TurnState, 'q' | 'base' | 'aspect'>,
    act: Act,
    lang: Lang | undefined,
    show: boolean,
    readerLang: Lang,
  ): Promise<DialogueStep> {
    const { q } = asked;
    const answer = await answerFor(asked, lang, 0, pageSize);
    const ids = answer.passages.slice(0, shownCount(answer)).map((p) => p.id);
    const turn = paged({ ...asked, lang: answer.lang, start: 0, count: 0, next: 0, shown: [], msgs: [] }, 0, ids, answer.lang);
    const next = addTurn(state, turn, now());
    return {
      reply: {
        ...base(act === 'followup' ? readerLang : answer.lang, act),
        understoodAs: q,
        showUnderstood: show,
        answer,
        turn: next.turns.length - 1,
        key: turnKey(q),
      },
      state: next,
    };
  }

  async function page(state: DialogueState, index: number, readerLang: Lang): Promise<DialogueStep> {
    const turn = state.turns[index];
    // never again what this conversation already showed on the same topic (an aspect turn shares its topic's passages)
    const seen = new Set(state.turns.filter((t) => t.base === turn.base).flatMap((t) => t.shown));
    const ranking = itemRanking(service, turn) ?? turn;
    let offset = turn.next;
    let answer = await answerFor(ranking, turn.lang, offset, pageSize);
    let unseen = answer.passages.slice(0, shownCount(answer)).filter((p) => !seen.has(placeOf(p.id)));
    for (let skipped = 0; answer.answered && unseen.length === 0 && answer.passages.length > 0 && skipped < MORE_SKIP_PAGES; skipped++) {
      offset += shownCount(answer);
      answer = await answerFor(ranking, turn.lang, offset, pageSize);
      unseen = answer.passages.slice(0, shownCount(answer)).filter((p) => !seen.has(placeOf(p.id)));
    }
    const reply = { ...base(readerLang, 'more'), understoodAs: turn.q, key: turnKey(turn.q) };
    if (!answer.answered || unseen.length === 0) {
      return { reply: { ...reply, notice: 'nothingMore', turn: index }, state: { ...state, at: now() } };
    }
    const next = updateTurn(
      state,
      index,
      paged(
        turn,
        offset,
        unseen.map((p) => p.id),
        turn.lang,
      ),
      now(),
    );
    const shown: Answer = { ...answer, passages: unseen };
    return { reply: { ...reply, answer: shown, turn: next.turns.length - 1 }, state: next };
  }

  async function relang(state: DialogueState, index: number, target: Lang): Promise<DialogueStep> {
    const turn = state.turns[index];
    const ranking = turn.start > 0 ? (itemRanking(service, turn) ?? turn) : turn; // a "More" page is shown again from the ranking it came from
    let answer = await answerFor(ranking, target, turn.start, turn.start > 0 ? pageSize : turn.count || pageSize);
    if (turn.start > 0) {
      // exactly the places that page showed (it left out what the conversation had shown before)
      const last = new Set(turn.shown.slice(-turn.count));
      const same = answer.passages.filter((p) => last.has(placeOf(p.id)));
      if (same.length > 0) answer = { ...answer, passages: same, shown: same.length };
    }
    const ids = answer.passages.slice(0, shownCount(answer)).map((p) => p.id);
    const next = updateTurn(state, index, paged(turn, turn.start, ids, target), now());
    return {
      reply: { ...base(target, 'language'), understoodAs: turn.q, answer, turn: next.turns.length - 1, key: turnKey(turn.q) },
      state: next,
    };
  }

  /** A follow-up rewritten from the base question of turn `prev` and answered. */
  async function followup(state: DialogueState, prev: number, c: Followup): Promise<DialogueStep> {
    const turn: TurnState = state.turns[prev];
    // a rewrite of a long base and a long follow-up may exceed what the service accepts: it is cut, not refused
    const rewritten = rewrite(turn.base, c);
    const standalone = rewritten.standalone.slice(0, MAX_QUESTION_CHARS);
    const baseQ = rewritten.isBase ? standalone : turn.base;
    // "and the sixth?" after the findings: there are only five (said, not searched for)
    const findings = service.sectionIds().filter((id) => /^results\/finding-\d+$/.test(id)).length;
    if (c.kind === 'ordinal' && c.ordinal > findings && findings > 0 && turn.shown.some((p) => LIST_ITEM.test(p))) {
      return { reply: { ...base(c.lang, 'followup'), notice: 'noSuchFinding', turn: prev }, state: { ...state, at: now() } };
    }
    if (c.kind === 'aspect' && c.unknown.length > 0) {
      // a follow-up about something the article never mentions ("does it apply in China?")
      const answer: Answer = { query: standalone, lang: c.lang, answered: false, passages: [], total: 0 };
      const next = addTurn(state, { q: standalone, base: baseQ, lang: c.lang, start: 0, count: 0, next: 0, shown: [], msgs: [] }, now());
      return {
        reply: {
          ...base(c.lang, 'followup'),
          understoodAs: standalone,
          showUnderstood: true,
          answer,
          turn: next.turns.length - 1,
          key: turnKey(standalone),
        },
        state: next,
      };
    }
    const aspect = c.kind === 'aspect' ? { aspect: c.focus } : {};
    return fresh(state, { q: standalone, base: baseQ, ...aspect }, 'followup', c.lang, true, c.lang);
  }

  return {
    async respond(stored, text, opts = {}) {
      const state = current(stored, now(), ttlMs);
      const unusable = unusableAs(text);
      if (unusable)
        return { reply: { ...base(noticeLang(state, opts.lang), 'question'), notice: unusable }, state: { ...state, at: now() } };
      const replied = opts.replyTo === undefined ? -1 : turnOfMessage(state, opts.replyTo);
      const prev = replied >= 0 ? replied : state.turns.length - 1;
      // a refused turn shows no passage: a follow-up builds only on an answered one
      const answered = prev >= 0 && state.turns[prev].shown.length > 0;
      const c = classify(text, {
        previous: prev >= 0,
        answered,
        knows: (w) => vocabulary()(w),
        inTopic: prev >= 0 ? sharesStem(state.turns[prev].base) : undefined,
      });
      const touched = { ...state, at: now() };
      switch (c.act) {
        case 'smalltalk': {
          // "ok", "lol", "😂" belong to no language: the reply speaks the chat's (chosen, else the conversation's)
          const universal = UNIVERSAL_CHATTER.test(text) && (opts.lang?.chosen !== undefined || state.turns.length > 0);
          return { reply: { ...base(universal ? noticeLang(state, opts.lang) : c.lang, 'smalltalk'), smalltalk: c.kind }, state: touched };
        }
        case 'more':
          return prev < 0 ? { reply: { ...base(c.lang, 'more'), notice: 'askFirst' }, state: touched } : page(state, prev, c.lang);
        case 'language':
          return prev < 0
            ? { reply: { ...base(c.target, 'language'), notice: 'askFirst' }, state: touched }
            : relang(state, prev, c.target);
        case 'question': {
          const step = await fresh(state, { q: c.text, base: c.text }, 'question', undefined, false, c.lang);
          // "who of them is the corresponding author?": a question pointing back that the article does not answer alone
          return c.followup && prev >= 0 && !step.reply.answer?.answered ? followup(state, prev, c.followup) : step;
        }
        case 'followup':
          // "why?" as the first message: nothing to follow up on
          return prev < 0 ? { reply: { ...base(c.lang, 'followup'), notice: 'askFirst' }, state: touched } : followup(state, prev, c);
      }
    },
    ask: (stored, question, lang) =>
      fresh(current(stored, now(), ttlMs), { q: question, base: question }, 'question', lang, false, lang ?? 'en'),
    async more(stored, ref) {
      const state = current(stored, now(), ttlMs);
      let index = ref.messageId === undefined ? -1 : turnOfMessage(state, ref.messageId);
      if (index < 0 && ref.key) index = state.turns.map((t) => turnKey(t.q)).lastIndexOf(ref.key);
      if (index < 0) return undefined;
      return page(state, index, state.turns[index].lang);
    },
  };
}

/** The notice for a message the service would refuse (no letter or digit, too long), or undefined. */
function unusableAs(text: string): Notice | undefined {
  try {
    cleanQuestion(text);
    return undefined;
  } catch (err) {
    if (!(err instanceof QuestionError)) throw err;
    return err.kind === 'too-long' ? 'tooLong' : 'noWords';
  }
}
