import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openEmbeddedStore } from '../../src/state/embedded.js';

const root = mkdtempSync(join(tmpdir(), 'state-inbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `store-${++n}`);
const update = (id: number): Update => ({
  update_id: id,
  message: {
    message_id: id,
    date: 1,
    chat: { id: 7, type: 'private', first_name: 'U' },
    from: { id: 7, is_bot: false, first_name: 'U' },
    text: `q${id}`,
  },
});
const sent = (messageId: number) => ({ method: 'sendMessage', target: '7', result: { message_id: messageId } });

describe('the embedded store inbox', () => {
  it(
    'admits only updates neither waiting nor handled, and gives them back in update order after a reopen with their ' + 'journals',
    async () => {
      const dir = freshDir();
      const store = await openEmbeddedStore(dir);
      expect((await store.inbox.admit([update(12), update(10), update(11)])).map((u) => u.update_id)).toEqual([12, 10, 11]);
      await store.inbox.finish(11);
      // Telegram sends 10–12 again (not confirmed yet) with a new one: only 13 is new
      expect((await store.inbox.admit([update(10), update(11), update(12), update(13)])).map((u) => u.update_id)).toEqual([13]);
      await store.inbox.recordSent(12, 0, sent(100));
      await store.inbox.recordSent(12, 1, sent(101));
      await store.inbox.recordSent(10, 0, sent(102));
      await store.inbox.finish(10);
      expect([store.inbox.size(), await store.wasHandled(10), await store.wasHandled(11), await store.wasHandled(12)]).toEqual([
        2,
        true,
        true,
        false,
      ]);
      await store.close();

      const again = await openEmbeddedStore(dir);
      expect(again.inbox.pending()).toEqual([
        { update: update(12), sent: [sent(100), sent(101)] },
        { update: update(13), sent: [] },
      ]);
      expect(again.inbox.size()).toBe(2);
      await again.close();
    },
  );

  it('skips a torn last journal line and drops the lines of finished updates when it opens', async () => {
    const dir = freshDir();
    const store = await openEmbeddedStore(dir);
    await store.inbox.admit([update(1), update(2)]);
    await store.inbox.recordSent(1, 0, sent(50));
    await store.inbox.recordSent(2, 0, sent(51));
    await store.inbox.finish(2);
    await store.close();
    appendFileSync(join(dir, JOURNAL_FILE), '{"u":1,"i":1,"c":{"method":"sendMes'); // a power cut mid-line

    const again = await openEmbeddedStore(dir);
    expect(again.inbox.pending()).toEqual([{ update: update(1), sent: [sent(50)] }]);
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toBe(`${JSON.stringify({ u: 1, i: 0, c: sent(50) })}\n`);
    await again.close();
  });

  it('reads a written request without an answer back as presumed delivered, and a refused one as not sent', async () => {
    const dir = freshDir();
    const store = await openEmbeddedStore(dir);
    await store.inbox.admit([update(1), update(2), update(3)]);
    store.inbox.recordAttempt(1, 0, { method: 'sendMessage', target: '7' });
    await store.inbox.recordSent(1, 0, sent(60)); // answered: the answer wins
    store.inbox.recordAttempt(1, 1, { method: 'sendMessage', target: '7' }); // written, answer unseen
    store.inbox.recordAttempt(2, 0, { method: 'editMessageText' });
    store.inbox.recordAttempt(2, 0, { method: 'editMessageText' }, true); // refused (e.g. 429)
    store.inbox.recordAttempt(3, 0, { method: 'sendMessage', target: '7' });
    store.inbox.recordAttempt(3, 0, { method: 'sendMessage', target: '7' }, true);
    store.inbox.recordAttempt(3, 0, { method: 'sendMessage', target: '7' }); // the retry, written
    await store.close();

    const again = await openEmbeddedStore(dir);
    const unanswered = { method: 'sendMessage', target: '7', result: undefined, unanswered: true };
    expect(again.inbox.pending()).toEqual([
      { update: update(1), sent: [sent(60), unanswered] },
      { update: update(2), sent: [] },
      { update: update(3), sent: [unanswered] },
    ]);
    await again.close();
  });
});
