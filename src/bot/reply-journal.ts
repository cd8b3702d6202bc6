import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transformer } from 'grammy';
import type { SentCall, UpdateInbox } from '../state/types.js';
import { describeError, type Logger } from '../log.js';
import { watchRequests } from './outgoing-agent.js';

/** What a user sees twice when it is repeated: messages sent, edited, copied, forwarded, deleted. */
const JOURNALLED = /^(send|edit|copy|forward|delete|stopPoll)/;
/** Repeating these shows nothing twice (an old callback or inline query is simply refused). */
const NOT_JOURNALLED = new Set(['sendChatAction']);

interface Handling {
  updateId: number;
  /** The calls journalled by an earlier run of this update (after a crash), by call number. */
  replay: SentCall[];
  /** The number of the next journalled call. */
  next: number;
  /** Set when this run made a call other than the earlier run's: nothing more is replayed. */
  diverged: boolean;
}

export interface ReplyJournal {
  /** The API transformer to install once, outermost (after the retrying one): `bot.api.config.use(journal.transformer)`. */
  transformer: Transformer;
  /** Runs the handling of one update; its calls are journalled, and the ones `replay` lists are not made again. */
  run<R>(updateId: number, replay: SentCall[], handle: () => Promise<R>): Promise<R>;
}

/**
 * Makes a re-run of an update after a crash send nothing the first run had already delivered. Every
 * call of the update that shows the user something (sendMessage, editMessageText, …) is journalled
 * in the inbox as call number n of the update: when its request has been written to Telegram (by
 * the bot's HTTP agent, src/bot/outgoing-agent.ts), when Telegram refused it, and with Telegram's
 * answer when it was accepted. When the update is handled again after a restart, call number n is
 * not made if the journal holds a call of the same method to the same chat under that number: the
 * recorded answer is returned instead (so the message ids the dialogue state keeps stay right).
 * A call whose request was written but whose answer never came back is presumed delivered —
 * Telegram carries out a request it has received even when the client is gone — and a stand-in
 * answer is returned (a message id of 0: that one message cannot be continued by a reply). The
 * first call that differs ends the replay. What is left: a kill in the instant between the
 * request's last byte leaving and its "written" line (about 0.2 ms) sends it again; a kill after a request was written and before Telegram's refusal of it was read loses it.
 * ```ts
 * const journal = createReplyJournal(store.inbox, logger);
 * bot.api.config.use(journal.transformer);
 * await journal.run(update.update_id, sent, () => bot.handleUpdate(update));
 * ```
 */
export function createReplyJournal(inbox: Pick<UpdateInbox, 'recordSent' | 'recordAttempt'>, logger: Logger): ReplyJournal {
  const current = new AsyncLocalStorage<Handling>();
  const attempt = (updateId: number, index: number, call: Pick<SentCall, 'method' | 'target'>, refused: boolean) => {
    try {
      inbox.recordAttempt(updateId, index, call, refused);
    } catch (err) {
      logger.warn(`could not journal ${call.method} of update ${updateId} (${describeError(err)}): after a crash it may be sent again`);
    }
  };
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const handling = current.getStore();
    if (!handling || NOT_JOURNALLED.has(method) || !JOURNALLED.test(method)) return prev(method, payload, signal);
    const index = handling.next++;
    const target = targetOf(payload);
    const earlier = handling.diverged ? undefined : handling.replay[index];
    if (earlier && earlier.method === method && earlier.target === target) {
      logger.info(
        earlier.unanswered
          ? `update ${handling.updateId}: ${method} #${index + 1} had reached Telegram when the process stopped (its answer ` +
              'unseen): presumed delivered, not sent again'
          : `update ${handling.updateId}: ${method} #${index + 1} was delivered before the restart: not sent again`,
      );
      const result = earlier.unanswered ? standIn(method, target) : earlier.result;
      return { ok: true, result } as Awaited<ReturnType<typeof prev>>;
    }
    if (earlier) handling.diverged = true;
    const call = { method, ...(target === undefined ? {} : { target }) };
    const response = await watchRequests(
      {
        written: () => attempt(handling.updateId, index, call, false),
        refused: () => attempt(handling.updateId, index, call, true),
      },
      () => prev(method, payload, signal),
    );
    if (response.ok) {
      await inbox
        .recordSent(handling.updateId, index, { method, ...(target === undefined ? {} : { target }), result: response.result })
        .catch((err) =>
          logger.warn(
            `could not journal ${method} of update ${handling.updateId} (${describeError(err)}): after a crash it may be sent again`,
          ),
        );
    }
    return response;
  };
  return {
    transformer,
    run: (updateId, replay, handle) => current.run({ updateId, replay, next: 0, diverged: false }, handle),
  };
}

/**
 * The answer returned for a call presumed delivered: a Message (id 0: unknown) for the calls that
 * send one, `true` for the others (edits of inline messages, deletions …).
 */
function standIn(method: string, target: string | undefined): unknown {
  if (!/^(send|copy|forward)/.test(method)) return true;
  const id = Number(target);
  return { message_id: 0, date: Math.floor(Date.now() / 1000), chat: { id: Number.isFinite(id) ? id : 0, type: 'private' } };
}

/** Where a call goes: its chat_id, else its inline_message_id. */
function targetOf(payload: unknown): string | undefined {
  const p = payload as { chat_id?: unknown; inline_message_id?: unknown } | undefined;
  const target = p?.chat_id ?? p?.inline_message_id;
  return target === undefined ? undefined : String(target);
}
