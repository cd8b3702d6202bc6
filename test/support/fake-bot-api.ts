/**
 * A small fake Telegram Bot API server on `node:http` for end-to-end tests of the bot.
 *
 * Unlike telegram-test-api it does real long polling (`getUpdates` honours `offset`, `limit`
 * and `timeout`) and supports fault injection (429, 500, 502, hanging and dropped requests).
 * Point grammY at it with `new Bot(api.token, { client: { apiRoot: api.apiRoot } })`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/** One Bot API request as the server saw it. */
export interface RecordedCall {
  /** Method name exactly as requested, e.g. `sendMessage`. */
  method: string;
  /** Parsed JSON body, or form/multipart fields as strings (files become `{ filename, size, type }`); query-string fields merged in. */
  params: any;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** How a faulted call fails: HTTP 429 with `retry_after`, HTTP 500/502, a delayed normal answer, or a destroyed socket. */
export type Fault =
  | { kind: '429'; retryAfter: number }
  | { kind: '500' }
  | { kind: '502' }
  | { kind: 'hang'; ms: number }
  | { kind: 'drop' };

/** Handle to a running fake Bot API server. */
export interface FakeBotApi {
  /** e.g. http://127.0.0.1:PORT — pass as grammY `client.apiRoot` / TELEGRAM_API_ROOT */
  apiRoot: string;
  /** The only token accepted; other tokens get 401. */
  token: string;
  /** Every authenticated call the bot made, in order (recorded before faults are applied). */
  calls: RecordedCall[];
  /** Queue an update for getUpdates; assigns update_id automatically (1, 2, …) and wakes waiting long polls; returns the id. */
  pushUpdate(update: Omit<Update, 'update_id'>): number;
  /**
   * Push a realistic text message. Private chat when chatId > 0, supergroup otherwise (override with chatType).
   * userId defaults to chatId in private chats, 1001 in groups. Without `entities`, a leading /command
   * and @mentions get their entities automatically. `replyToBot` makes it a reply to the bot's last message in the chat,
   * `replyTo` a reply to the bot's message with that id.
   */
  sendText(opts: {
    chatId: number;
    userId?: number;
    text: string;
    languageCode?: string;
    chatType?: 'private' | 'group' | 'supergroup';
    replyToBot?: boolean;
    replyTo?: number;
    entities?: any[];
  }): number;
  /**
   * Takes the queued update with this id out of the getUpdates queue and returns it (webhook tests
   * build an update with `sendText`/`pressButton` and post it to the bot themselves).
   * @throws when no queued update has this id.
   */
  takeUpdate(updateId: number): Update;
  /** Push a callback_query for an inline button under message `messageId` (a bot message; synthesised if unknown). */
  pressButton(opts: { chatId: number; userId?: number; data: string; messageId: number }): number;
  /** Push an inline_query from `userId`. */
  inlineQuery(opts: { userId: number; query: string; offset?: string }): number;
  /**
   * Resolves with the first `count` calls of `method` (optionally filtered) that arrive after this call; rejects after timeoutMs (default
   * 3000).
   */
  waitForCalls(method: string, count: number, opts?: { timeoutMs?: number; filter?: (params: any) => boolean }): Promise<RecordedCall[]>;
  /** Fault injection: the next `times` (default 1) calls of `method` — and only of that method — fail in the given way. */
  failNext(method: string, fault: Fault, times?: number): void;
  /** Every later request waits `ms` before it is carried out (network and server time); 0 turns it off. */
  setLatency(ms: number): void;
  /** Update ids delivered by getUpdates that the bot later confirmed with a higher offset, in confirmation order. */
  confirmedUpdateIds(): number[];
  /** Stop the server: pending long polls get `[]`, every socket is closed. Idempotent. */
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown } | null; // null: the response was already handled
const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string, extra?: object): Reply => ({
  status,
  body: { ok: false, error_code: status, description, ...extra },
});
const json = (v: unknown) => (typeof v === 'string' && /^\s*[[{]/.test(v) ? JSON.parse(v) : v);
const now = () => Math.floor(Date.now() / 1000);

function send(res: http.ServerResponse, reply: Reply): void {
  if (!reply || res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

async function parseParams(req: http.IncomingMessage, url: URL): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const params: Record<string, any> = Object.fromEntries(url.searchParams);
  const ct = req.headers['content-type'] ?? '';
  if (raw.length === 0) return params;
  if (/^multipart\/form-data/i.test(ct)) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': ct }, body: raw }).formData();
    for (const [k, v] of form.entries()) params[k] = typeof v === 'string' ? v : { filename: v.name, size: v.size, type: v.type };
    return params;
  }
  if (/^application\/x-www-form-urlencoded/i.test(ct))
    return { ...params, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  if (ct && !/^application\/json/i.test(ct)) throw new Error(`unsupported content-type ${ct}`);
  const body = JSON.parse(raw.toString('utf8'));
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('body is not an object');
  return { ...params, ...body };
}

/** Start a fake Bot API on 127.0.0.1 (ephemeral port unless `port` is given). */
export async function startFakeBotApi(
  opts: { token?: string; botUsername?: string; port?: number; latencyMs?: number } = {},
): Promise<FakeBotApi> {
  const token = opts.token ?? '4242:TEST-fake-bot-api-token';
  const botUser = { id: 4242, is_bot: true, first_name: 'Article QA Test Bot', username: opts.botUsername ?? 'article_qa_test_bot' };
  const me = { ...botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };
  const calls: RecordedCall[] = [];
  let queue: Update[] = [];
  let [nextUpdateId, querySeq, webhookUrl, commands, closed] = [1, 0, '', [] as unknown[], false];
  let latencyMs = opts.latencyMs ?? 0;
  const delivered = new Set<number>();
  const confirmed: number[] = [];
  const pollers = new Set<{ wake(): void; end(reply: Reply): void }>();
  const callListeners = new Set<() => void>();
  const faults = new Map<string, Fault[]>();
  const msgIds = new Map<number, number>(); // chat id → last message id (shared by user and bot, like Telegram)
  const messages = new Map<string, any>(); // `${chatId}:${messageId}` → bot message
  const lastBotMsg = new Map<number, any>();
  const chats = new Map<number, any>();
  const timers = new Set<NodeJS.Timeout>();

  const nextMsgId = (chatId: number) => {
    const id = (msgIds.get(chatId) ?? 0) + 1;
    msgIds.set(chatId, id);
    return id;
  };
  const user = (id: number, languageCode?: string) => ({
    id,
    is_bot: false,
    first_name: `User${id}`,
    username: `user${id}`,
    ...(languageCode ? { language_code: languageCode } : {}),
  });
  function chatFor(id: number, type?: 'private' | 'group' | 'supergroup') {
    const known = chats.get(id);
    if (known && (!type || known.type === type)) return known;
    const t = type ?? (id > 0 ? 'private' : 'supergroup');
    const chat =
      t === 'private' ? { id, type: t, first_name: `User${id}`, username: `user${id}` } : { id, type: t, title: `Test ${t} ${id}` };
    chats.set(id, chat);
    return chat;
  }
  const storeBotMessage = (msg: any) => {
    messages.set(`${msg.chat.id}:${msg.message_id}`, msg);
    lastBotMsg.set(msg.chat.id, msg);
    return msg;
  };
  function botMessage(chatId: number, messageId?: number) {
    const found = messageId !== undefined && messages.get(`${chatId}:${messageId}`);
    if (found) return found;
    const id = messageId ?? nextMsgId(chatId);
    if (id > (msgIds.get(chatId) ?? 0)) msgIds.set(chatId, id);
    return storeBotMessage({ message_id: id, from: botUser, chat: chatFor(chatId), date: now(), text: 'Earlier bot message' });
  }

  function dropBelow(offset: number) {
    const cut = offset < 0 ? queue.length + offset : queue.findIndex((u) => u.update_id >= offset);
    const n = offset < 0 ? Math.max(0, cut) : cut === -1 ? queue.length : cut;
    for (const u of queue.slice(0, n)) if (delivered.delete(u.update_id)) confirmed.push(u.update_id);
    queue = queue.slice(n);
  }
  function take(p: any): Reply {
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100) || 100));
    const batch = queue.slice(0, limit);
    for (const u of batch) delivered.add(u.update_id);
    return ok(batch);
  }
  function getUpdates(p: any, res: http.ServerResponse): Reply | Promise<Reply> {
    if (webhookUrl)
      return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    for (const w of [...pollers])
      w.end(fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    if (p.offset !== undefined) dropBelow(Number(p.offset));
    const timeoutS = Math.min(50, Math.max(0, Number(p.timeout ?? 0) || 0));
    if (queue.length > 0 || timeoutS === 0) return take(p);
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => w.end(take(p)), timeoutS * 1000);
      const w = {
        wake: () => w.end(take(p)),
        end(reply: Reply) {
          clearTimeout(timer);
          pollers.delete(w);
          res.off('close', onClose);
          send(res, reply);
          resolve(null);
        },
      };
      const onClose = () => w.end(null); // client gave up (e.g. grammY's bot.stop aborts the poll)
      res.on('close', onClose);
      pollers.add(w);
    });
  }

  function sendMessage(p: any): Reply {
    const chatId = Number(p.chat_id);
    const text = p.text == null ? '' : String(p.text);
    if (!Number.isInteger(chatId) || chatId === 0) return fail(400, 'Bad Request: chat not found');
    const visible = /^html$/i.test(p.parse_mode ?? '')
      ? text.replace(/<[^>]*>/g, '').replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_')
      : text;
    if (!visible.trim()) return fail(400, 'Bad Request: message text is empty');
    if (visible.length > 4096) return fail(400, 'Bad Request: message is too long');
    const replyTo = p.reply_parameters ? json(p.reply_parameters)?.message_id : p.reply_to_message_id;
    const replied = replyTo !== undefined ? messages.get(`${chatId}:${replyTo}`) : undefined;
    return ok(
      storeBotMessage({
        message_id: nextMsgId(chatId),
        from: botUser,
        chat: chatFor(chatId),
        date: now(),
        text,
        ...(p.entities ? { entities: json(p.entities) } : {}),
        ...(p.reply_markup ? { reply_markup: json(p.reply_markup) } : {}),
        ...(replied ? { reply_to_message: replied } : {}),
      }),
    );
  }
  function editMessageText(p: any): Reply {
    if (p.inline_message_id) return ok(true);
    const msg = messages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
    if (!msg) return fail(400, 'Bad Request: message to edit not found');
    const markup = p.reply_markup ? json(p.reply_markup) : undefined;
    if (msg.text === String(p.text) && JSON.stringify(msg.reply_markup) === JSON.stringify(markup)) {
      return fail(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content ' +
          'and reply markup of the message',
      );
    }
    const { reply_markup: _old, ...rest } = msg;
    return ok(storeBotMessage({ ...rest, text: String(p.text), edit_date: now(), ...(markup ? { reply_markup: markup } : {}) }));
  }

  const handlers: Record<string, (p: any, res: http.ServerResponse) => Reply | Promise<Reply>> = {
    getme: () => ok(me),
    getupdates: getUpdates,
    sendmessage: sendMessage,
    editmessagetext: editMessageText,
    answercallbackquery: () => ok(true),
    answerinlinequery: () => ok(true),
    sendchataction: () => ok(true),
    setmycommands: (p) => {
      commands = json(p.commands) ?? [];
      return ok(true);
    },
    getmycommands: () => ok(commands),
    deletemycommands: () => {
      commands = [];
      return ok(true);
    },
    setwebhook: (p) => {
      webhookUrl = String(p.url ?? '');
      return ok(true);
    },
    deletewebhook: (p) => {
      webhookUrl = '';
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue = [];
      return ok(true);
    },
    getwebhookinfo: () => ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: queue.length }),
    close: () => ok(true),
    logout: () => ok(true),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/.exec(url.pathname);
    if (!m) return send(res, fail(404, 'Not Found'));
    if (decodeURIComponent(m[1]) !== token) {
      req.resume();
      return send(res, fail(401, 'Unauthorized'));
    }
    let params: Record<string, any>;
    try {
      params = await parseParams(req, url);
    } catch (e) {
      return send(res, fail(400, `Bad Request: can't parse request body: ${(e as Error).message}`));
    }
    const method = m[2];
    if (latencyMs > 0) {
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          timers.delete(t);
          r();
        }, latencyMs);
        timers.add(t);
      });
      // A request received whole is carried out even when its client has gone meanwhile, as Telegram
      // does: a bot killed while waiting for the answer has still sent its message.
      if (closed) return;
    }
    calls.push({ method, params, at: Date.now() });
    for (const listener of [...callListeners]) listener();
    const fault = faults.get(method.toLowerCase())?.shift();
    if (fault?.kind === '429')
      return send(res, fail(429, `Too Many Requests: retry after ${fault.retryAfter}`, { parameters: { retry_after: fault.retryAfter } }));
    if (fault?.kind === '500' || fault?.kind === '502')
      return send(res, fault.kind === '500' ? fail(500, 'Internal Server Error') : fail(502, 'Bad Gateway'));
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          timers.delete(t);
          r();
        }, fault.ms);
        timers.add(t);
      });
      if (closed || res.destroyed) return;
    }
    const handler = handlers[method.toLowerCase()];
    send(res, handler ? await handler(params, res) : fail(404, 'Not Found: method not found'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => send(res, fail(500, `Internal Server Error: ${(e as Error).message}`)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pushUpdate = (update: Omit<Update, 'update_id'>): number => {
    const id = nextUpdateId++;
    queue.push({ update_id: id, ...update } as Update);
    for (const w of [...pollers]) w.wake();
    return id;
  };

  return {
    apiRoot,
    token,
    calls,
    pushUpdate,
    sendText({ chatId, userId, text, languageCode, chatType, replyToBot, replyTo, entities }) {
      const auto: any[] = [];
      const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
      if (cmd) auto.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
      for (const mm of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g))
        auto.push({ type: 'mention', offset: mm.index, length: mm[0].length });
      const ents = entities ?? auto;
      const chat = chatFor(chatId, chatType);
      const replied =
        replyTo !== undefined ? botMessage(chatId, replyTo) : replyToBot ? (lastBotMsg.get(chatId) ?? botMessage(chatId)) : undefined; // before our own message_id
      return pushUpdate({
        message: {
          message_id: nextMsgId(chatId),
          from: user(userId ?? (chat.type === 'private' ? chatId : 1001), languageCode),
          chat,
          date: now(),
          text,
          ...(ents.length ? { entities: ents } : {}),
          ...(replied ? { reply_to_message: replied } : {}),
        },
      } as any);
    },
    takeUpdate(updateId) {
      const at = queue.findIndex((u) => u.update_id === updateId);
      if (at === -1) throw new Error(`takeUpdate: no queued update ${updateId}`);
      return queue.splice(at, 1)[0];
    },
    pressButton({ chatId, userId, data, messageId }) {
      const chat = chatFor(chatId);
      return pushUpdate({
        callback_query: {
          id: `cbq-${++querySeq}`,
          from: user(userId ?? (chat.type === 'private' ? chatId : 1001)),
          message: botMessage(chatId, messageId),
          chat_instance: `ci-${chatId}`,
          data,
        },
      } as any);
    },
    inlineQuery({ userId, query, offset }) {
      return pushUpdate({
        inline_query: { id: `iq-${++querySeq}`, from: user(userId), query, offset: offset ?? '', chat_type: 'sender' },
      } as any);
    },
    waitForCalls(method, count, { timeoutMs = 3000, filter } = {}) {
      const start = calls.length;
      const matching = () =>
        calls.slice(start).filter((c) => c.method.toLowerCase() === method.toLowerCase() && (!filter || filter(c.params)));
      return new Promise((resolve, reject) => {
        const check = () => {
          try {
            const got = matching();
            if (got.length >= count) {
              cleanup();
              resolve(got.slice(0, count));
            }
          } catch (e) {
            cleanup();
            reject(e);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen =
            calls
              .slice(start)
              .map((c) => c.method)
              .join(', ') || 'none';
          reject(
            new Error(
              `waitForCalls: expected ${count} ${method} call(s) within ${timeoutMs} ms, got ${matching().length}; calls since: ${seen}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          callListeners.delete(check);
        };
        callListeners.add(check);
        check();
      });
    },
    failNext(method, fault, times = 1) {
      faults.set(method.toLowerCase(), [...(faults.get(method.toLowerCase()) ?? []), ...Array.from({ length: times }, () => fault)]);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    confirmedUpdateIds: () => [...confirmed],
    async close() {
      if (closed) return;
      closed = true;
      for (const w of [...pollers]) w.end(ok([]));
      for (const t of timers) clearTimeout(t);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
