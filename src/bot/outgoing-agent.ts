import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientRequest } from 'node:http';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** What the reply journal wants to hear about one Bot API request (src/bot/reply-journal.ts). */
export interface RequestWatch {
  /** The request's last byte was handed to the operating system: Telegram will carry it out even if this process dies now. */
  written(): void;
  /** Telegram answered with an error status (429, 400, 5xx …): nothing was delivered by this attempt. */
  refused(): void;
}

const watching = new AsyncLocalStorage<RequestWatch>();

/**
 * Runs `call` so that each HTTP request it makes to the Bot API (every retry too) reports to
 * `watch`, when the bot's client uses `outgoingAgent`'s agent.
 */
export const watchRequests = <R>(watch: RequestWatch, call: () => Promise<R>): Promise<R> => watching.run(watch, call);

/**
 * The keep-alive HTTP(S) agent of the bot's Bot API client (grammY's `baseFetchConfig.agent`; it
 * keeps grammY's own default of keep-alive connections). It adds one thing: a request made inside
 * `watchRequests` tells its watch when its last byte has left (the request's `finish`, which
 * follows the socket write before any other I/O is handled: about 0.2 ms measured here) and when
 * Telegram refused it. A Bot API request
 * that has reached Telegram is carried out even when the client is gone by the time the answer
 * comes back, so "written" is the moment a reply counts as sent (a kill -9 after it must not send
 * the reply again).
 * ```ts
 * new Bot(token, { client: { baseFetchConfig: { agent: outgoingAgent(apiRoot), compress: true } } });
 * ```
 */
export function outgoingAgent(apiRoot = 'https://api.telegram.org'): HttpAgent {
  const agent = apiRoot.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  // addRequest is how Node's http module hands an agent each request (public in @types/node only as a hidden member)
  const hooked = agent as unknown as { addRequest(req: ClientRequest, options: unknown): void };
  const addRequest = hooked.addRequest.bind(agent);
  hooked.addRequest = (req, options) => {
    const watch = watching.getStore();
    if (watch) {
      req.once('finish', () => watch.written());
      req.once('response', (res) => {
        if (res.statusCode !== 200) watch.refused();
      });
    }
    addRequest(req, options);
  };
  return agent;
}
