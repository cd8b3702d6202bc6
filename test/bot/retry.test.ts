import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/logger.js';
import { autoRetry } from '../../src/bot/retry.js';

type Res = { ok: boolean; error_code?: number; description?: string; parameters?: { retry_after?: number }; result?: unknown };

/** Runs the transformer over a scripted sequence of results (an Error is thrown). */
async function run(script: Array<Res | Error>, options: Parameters<typeof autoRetry>[0] = {}, method = 'sendMessage', signal?: AbortSignal) {
  let calls = 0;
  const prev = async () => { const step = script[calls++]; if (step instanceof Error) throw step; return step; };
  const lines: string[] = [];
  const t = autoRetry({ baseDelayMs: 1, logger: createLogger({ write: (l) => lines.push(l.replace(/^\S+ /, '')) }), ...options });
  const result = await (t as any)(prev, method, {}, signal).catch((e: Error) => e);
  return { result, calls, lines };
}
const OK = { ok: true, result: true };

describe('autoRetry', () => {
  it('retries 5xx and network errors with backoff, then returns the success', async () => {
    const r = await run([{ ok: false, error_code: 502, description: 'Bad Gateway' }, new HttpError('Network request failed', new Error('ECONNRESET')), OK]);
    expect([r.result, r.calls]).toEqual([OK, 3]);
    expect(r.lines).toEqual([
      'WARN sendMessage failed (502 Bad Gateway): retry 1 of 3 in 1 ms',
      'WARN sendMessage failed (HttpError: Network request failed): retry 2 of 3 in 2 ms',
    ]);
  });

  it('waits retry_after seconds on 429, and gives up when Telegram asks for longer than maxDelayMs', async () => {
    const started = Date.now();
    const r = await run([{ ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } }, OK]);
    expect([r.result, r.calls]).toEqual([OK, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    const long = { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 60 } };
    expect(await run([long, OK], { maxDelayMs: 5000 })).toMatchObject({ result: long, calls: 1 });
  });

  it('does not retry 4xx answers, other errors, listed methods, or after maxRetries', async () => {
    const bad = { ok: false, error_code: 400, description: 'Bad Request' };
    expect(await run([bad, OK])).toMatchObject({ result: bad, calls: 1 });
    expect((await run([new TypeError('bug'), OK])).calls).toBe(1);
    expect((await run([{ ok: false, error_code: 500 }, OK], {}, 'getUpdates')).calls).toBe(1);
    expect((await run(Array(5).fill({ ok: false, error_code: 500, description: 'x' }), { maxRetries: 2 })).calls).toBe(3);
  });

  it('stops waiting when the call is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const r = await run([{ ok: false, error_code: 500, description: 'x' }, OK], { baseDelayMs: 5000 }, 'sendMessage', controller.signal);
    expect([r.calls, Date.now() - started < 1000]).toEqual([1, true]);
  });
});
