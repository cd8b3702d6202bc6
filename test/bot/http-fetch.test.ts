import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botApiFetch } from '../../src/bot/http-fetch.js';

/** One request to a local server. */
const REQUEST_TIMEOUT_MS = 5_000;

interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let root: string;
const seen: Seen[] = [];
const agent = new http.Agent({ keepAlive: true });

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (req.url === '/hang') return; // never answered
    if (req.url === '/html') return res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    res.writeHead(req.url === '/refused' ? 429 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/refused' ? { ok: false, error_code: 429 } : { ok: true, result: 'Сохранено' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('botApiFetch', () => {
  it(
    'sends a JSON call with its length and reads the answer (UTF-8) as JSON',
    async () => {
      const body = JSON.stringify({ text: 'Тіл сақталды' });
      const res = await botApiFetch(`${root}/bot1:x/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        agent,
      });
      expect([res.status, res.ok, await res.json()]).toEqual([200, true, { ok: true, result: 'Сохранено' }]);
      const last = seen[seen.length - 1];
      expect([last.method, last.path, last.body]).toEqual(['POST', '/bot1:x/sendMessage', body]);
      expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    },
    REQUEST_TIMEOUT_MS,
  );

  it(
    'streams a body given as a stream (a form with a file), chunked',
    async () => {
      const res = await botApiFetch(`${root}/upload`, { body: Readable.from([Buffer.from('part one, '), Buffer.from('part two')]), agent });
      expect(res.status).toBe(200);
      const last = seen[seen.length - 1];
      expect([last.body, last.headers['transfer-encoding']]).toEqual(['part one, part two', 'chunked']);
    },
    REQUEST_TIMEOUT_MS,
  );

  it(
    'gives an error answer to the caller as it is (grammY reads its JSON), and says so when it is not JSON',
    async () => {
      const refused = await botApiFetch(`${root}/refused`, { body: '{}', agent });
      expect([refused.status, refused.ok, await refused.json()]).toEqual([429, false, { ok: false, error_code: 429 }]);
      const html = await botApiFetch(`${root}/html`, { body: '{}', agent });
      await expect(html.json()).rejects.toThrow('the Bot API answered HTTP 502 with a body that is not JSON (24 bytes)');
    },
    REQUEST_TIMEOUT_MS,
  );

  it(
    'rejects when its signal is aborted (a timeout, a stop), and when nothing listens',
    async () => {
      const abort = new AbortController();
      const pending = botApiFetch(`${root}/hang`, { body: '{}', agent, signal: abort.signal });
      setTimeout(() => abort.abort(), 50);
      await expect(pending).rejects.toThrow(/abort/i);
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      await expect(botApiFetch(`http://127.0.0.1:${port}/x`, { body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    },
    REQUEST_TIMEOUT_MS,
  );
});
