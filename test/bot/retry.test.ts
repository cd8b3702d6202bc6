import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { autoRetry } from '../../src/bot/retry.js';

type Res = { ok: boolean; error_code?: number; description?: string; parameters?: { retry_after?: number }; result?: unknown };

/** Runs the transformer over a scripted sequence of results (an Error is thrown). */
async function run(
  script: Array<Res | Error>,
  options: Parameters<typeof autoRetry>[0] = {},
  method = 'sendMessage',
  signal?: AbortSignal,
) {
  let calls = 0;
  const prev = async () => {
    const step = script[calls++];
    if (step instanceof Error) throw step;
    return step;
  };
  const lines: string[] = [];
  const t = autoRetry({
    baseDelayMs: 1,
    random: () => 1,
    logger: createLogger({ write: (l) => lines.push(l.replace(/^\S+ /, '')) }),
    ...options,
  });
  const result = await (t as any)(prev, method, {}, signal).catch((e: Error) => e);
  return { result, calls, lines };
}
const OK = { ok: true, result: true };

describe('autoRetry', () => {
  it('retries 5xx and network errors with a doubling backoff capped at maxDelayMs, then returns the success', async () => {
    const r = await run(
      [
        { ok: false, error_code: 502, description: 'Bad Gateway' },
        new HttpError('Network request failed', new Error('ECONNRESET')),
        { ok: false, error_code: 500, description: 'Internal Server Error' },
        OK,
      ],
      { baseDelayMs: 2, maxDelayMs: 6 },
    );
    expect([r.result, r.calls]).toEqual([OK, 4]);
    expect(r.lines).toEqual([
      'WARN sendMessage failed (502 Bad Gateway): retry 1 of 20 in 2 ms',
      'WARN sendMessage failed (HttpError: Network request failed): retry 2 of 20 in 4 ms',
      'WARN sendMessage failed (500 Internal Server Error): retry 3 of 20 in 6 ms',
    ]);
  });

  it('jitters each backoff between half the step and the whole step', async () => {
    const fails = Array(3).fill({ ok: false, error_code: 502, description: 'Bad Gateway' });
    const low = await run([...fails, OK], { baseDelayMs: 8, random: () => 0 });
    expect(low.lines.map((l) => l.replace(/.* in /, ''))).toEqual(['4 ms', '8 ms', '16 ms']);
    const mid = await run([...fails, OK], { baseDelayMs: 8, random: () => 0.5 });
    expect(mid.lines.map((l) => l.replace(/.* in /, ''))).toEqual(['6 ms', '12 ms', '24 ms']);
  });

  it('waits retry_after seconds (plus up to 10 % jitter) on 429, however long, within maxWaitMs', async () => {
    const started = Date.now();
    const r = await run([{ ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } }, OK], {
      random: () => 0,
    });
    expect([r.result, r.calls]).toEqual([OK, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(r.lines).toEqual(['WARN sendMessage failed (429 Too Many Requests): retry 1 of 20 in 1000 ms']);
  });

  it('gives a call up, with one warning, when the next wait would exceed maxWaitMs in all', async () => {
    const long = { ok: false, error_code: 429, description: 'Too Many Requests: retry after 60', parameters: { retry_after: 60 } };
    const r = await run([long, OK], { maxWaitMs: 59_000, random: () => 0 });
    expect(r).toMatchObject({ result: long, calls: 1 });
    expect(r.lines).toEqual([
      'WARN sendMessage failed (429 Too Many Requests: retry after 60) and is given up: waiting 60000 ms more would exceed ' +
        'RETRY_MAX_WAIT_S=59 s',
    ]);
    // the budget counts every wait of the call: 3 + 3 ms fit in 7, the third 3 ms do not
    const busy = await run(Array(4).fill({ ok: false, error_code: 500, description: 'x' }), {
      baseDelayMs: 3,
      maxDelayMs: 3,
      maxWaitMs: 7,
    });
    expect(busy.calls).toBe(3);
  });

  it('does not retry 4xx answers, other errors, listed methods, or after maxRetries', async () => {
    const bad = { ok: false, error_code: 400, description: 'Bad Request' };
    expect(await run([bad, OK])).toMatchObject({ result: bad, calls: 1 });
    expect((await run([new TypeError('bug'), OK])).calls).toBe(1);
    expect((await run([{ ok: false, error_code: 500 }, OK], {}, 'getUpdates')).calls).toBe(1);
    const capped = await run(Array(5).fill({ ok: false, error_code: 500, description: 'x' }), { maxRetries: 2 });
    expect(capped.calls).toBe(3);
    expect(capped.lines.at(-1)).toBe('WARN sendMessage failed (500 x) and is given up: 2 retries');
  });

  it('stops waiting when the call is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const r = await run([{ ok: false, error_code: 500, description: 'x' }, OK], { baseDelayMs: 5000 }, 'sendMessage', controller.signal);
    expect([r.calls, Date.now() - started < 1000]).toEqual([1, true]);
  });
});
