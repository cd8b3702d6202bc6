import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What grammY's API client passes to its `fetch` (src: grammy/out/core/client.js) and reads back. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  agent?: http.Agent;
}

export interface FetchResponse {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
}

/**
 * A lean `fetch` for grammY's API client (`new Bot(token, { client: { fetch: botApiFetch as never } })`):
 * one `http.request` (https for an https root) over the client's keep-alive agent, the answer read
 * whole; a JSON call (a string body) goes with its length, a form with files (an async iterable
 * body) chunked. grammY's default, node-fetch, builds Request, Headers, Response and stream
 * objects around every call: measured here at about twice the CPU of a plain request, and the two
 * calls of a button press (answerCallbackQuery, editMessageText) are most of what a press costs
 * the bot (bench/state.ts). Aborting `signal` (grammY's timeout, a stop) destroys the request and rejects.
 */
export function botApiFetch(url: string, init: FetchInit = {}): Promise<FetchResponse> {
  const { body } = init;
  return new Promise<FetchResponse>((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: init.method ?? 'POST',
        agent: init.agent,
        signal: init.signal,
        headers: typeof body === 'string' ? { ...init.headers, 'content-length': String(Buffer.byteLength(body)) } : init.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status,
            ok: status >= 200 && status < 300,
            json: async () => {
              try {
                return JSON.parse(text);
              } catch {
                throw new Error(`the Bot API answered HTTP ${status} with a body that is not JSON (${text.length} bytes)`);
              }
            },
          });
        });
      },
    );
    request.on('error', reject);
    if (body === undefined || body === null || typeof body === 'string') request.end(body ?? undefined);
    else void pipeline(Readable.from(body as AsyncIterable<Uint8Array>), request).catch(reject);
  });
}
