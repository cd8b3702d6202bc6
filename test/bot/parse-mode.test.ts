import type { Transformer } from 'grammy';
import { describe, expect, it } from 'vitest';
import { htmlByDefault } from '../../src/bot/parse-mode.js';

type Prev = Parameters<Transformer>[0];

describe('htmlByDefault', () => {
  const run = async (method: string, payload: Record<string, unknown>) => {
    const seen: unknown[] = [];
    const prev = (async (_m: string, p: unknown) => {
      seen.push(p);
      return { ok: true, result: true };
    }) as unknown as Prev;
    await htmlByDefault(prev, method as never, payload as never);
    return seen[0];
  };

  it('sends message texts as HTML unless the call sets a parse mode, and leaves other methods alone', async () => {
    expect(await run('sendMessage', { chat_id: 1, text: '<b>x</b>' })).toEqual({ chat_id: 1, text: '<b>x</b>', parse_mode: 'HTML' });
    expect(await run('editMessageText', { chat_id: 1, message_id: 2, text: 'y' })).toEqual({
      chat_id: 1,
      message_id: 2,
      text: 'y',
      parse_mode: 'HTML',
    });
    expect(await run('sendMessage', { chat_id: 1, text: 'z', parse_mode: 'MarkdownV2' })).toEqual({
      chat_id: 1,
      text: 'z',
      parse_mode: 'MarkdownV2',
    });
    expect(await run('sendChatAction', { chat_id: 1, action: 'typing' })).toEqual({ chat_id: 1, action: 'typing' });
  });
});
