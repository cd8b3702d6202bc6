import { request, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingAgent, watchRequests } from '../../src/bot/outgoing-agent.js';

/** Each test talks to a server on 127.0.0.1: a busy machine must not fail it at the 5 s default. */
const SERVER_TEST_TIMEOUT_MS = 10_000;

// a server that answers each request only when the test says so, with the status the test gives
const waiting: Array<{ path: string; res: ServerResponse }> = [];
const server = createServer((req: IncomingMessage, res) => {
  req.resume();
  req.on('end', () => waiting.push({ path: req.url ?? '', res }));
});
let root = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const agent = outgoingAgent('http://127.0.0.1');
/** POSTs `body` through the agent; resolves with the status once the answer has come. */
const post = (path: string, body: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${root}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
const answer = async (path: string, status: number) => {
  const end = Date.now() + SERVER_TEST_TIMEOUT_MS;
  while (!waiting.some((w) => w.path === path)) {
    if (Date.now() > end) throw new Error(`no request for ${path}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const { res } = waiting.splice(
    waiting.findIndex((w) => w.path === path),
    1,
  )[0];
  res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"ok":true}' : '{"ok":false}');
};

describe('outgoingAgent', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  it('reports a request as written before its answer comes, and only that for an accepted one', async () => {
    const events: string[] = [];
    const watch = { written: () => events.push('written'), refused: () => events.push('refused') };
    const status = watchRequests(watch, () => post('/sendMessage', '{"chat_id":1,"text":"a"}'));
    await answer('/sendMessage', 200).then(() => events.push('answered by the server'));
    expect([await status, events]).toEqual([200, ['written', 'answered by the server']]);
    // the keep-alive connection is reused for the next request: it reports too
    const again = watchRequests(watch, () => post('/editMessageText', '{}'));
    await answer('/editMessageText', 200);
    expect([await again, events.length]).toEqual([200, 3]);
  });

  it('reports a request Telegram answered with an error status as refused after written', async () => {
    const events: string[] = [];
    const status = watchRequests({ written: () => events.push('written'), refused: () => events.push('refused') }, () =>
      post('/sendMessage', '{}'),
    );
    await answer('/sendMessage', 429);
    expect([await status, events]).toEqual([429, ['written', 'refused']]);
  });

  it('reports nothing for a request made outside watchRequests', async () => {
    const events: string[] = [];
    const inside = watchRequests({ written: () => events.push('inside'), refused: () => events.push('refused') }, async () => 0);
    const outside = post('/getUpdates', '{}');
    await answer('/getUpdates', 200);
    expect([await inside, await outside, events]).toEqual([0, 200, []]);
  });
});
