import type http from 'node:http';
import type { Update } from 'grammy/types';

/** Largest webhook request body read: Telegram's updates are a few KB. */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/** A webhook request body went past `MAX_UPDATE_BYTES` while it streamed in (answered 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** True (and the request answered 413) when its Content-Length announces more than `limit` bytes. */
export function refuseDeclaredTooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit = MAX_UPDATE_BYTES): boolean {
  const declared = Number(req.headers['content-length']);
  if (!(declared > limit)) return false;
  refuse(req, res);
  return true;
}

/**
 * grammY's node:http webhook adapter with a body limit: the bytes are counted as they stream in,
 * and past `limit` the request is answered 413 and the read stops (the update promise rejects
 * with BodyTooLargeError). The secret token is checked by grammY before the body is read.
 */
export function limitedHttpAdapter(limit = MAX_UPDATE_BYTES) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const header = req.headers['x-telegram-bot-api-secret-token'];
    return {
      get update() {
        return readJson(req, res, limit);
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => res.end(),
      respond: (json: string) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(json),
      unauthorized: () => res.writeHead(401).end('secret token is wrong'),
      handlerReturn: undefined,
    };
  };
}

function readJson(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<Update> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      refuse(req, res);
      reject(new BodyTooLargeError(limit));
    };
    req
      .on('data', onData)
      .once('error', reject)
      .once('end', () => {
        if (size > limit) return;
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
  });
}

/** 413, and the connection closed once the answer is out (the rest of the body is not read). */
function refuse(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!res.headersSent) res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain' }).end('update too large\n');
  res.once('finish', () => req.destroy());
}
