import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { handleOnce } from '../../src/bot/once.js';
import { createMemoryStore } from '../../src/state/memory.js';
import { memoryLogger } from '../support/memory-logger.js';

const update = (id: number) => ({ update_id: id }) as Update;

describe('handleOnce', () => {
  it('handles an update once, records it, and acknowledges a later delivery without handling it again', async () => {
    const store = createMemoryStore();
    const logger = memoryLogger();
    const seen: number[] = [];
    const handle = handleOnce(
      async (u: Update) => {
        seen.push(u.update_id);
      },
      { handled: store, logger },
    );
    await handle(update(7));
    await handle(update(7));
    await handle(update(8));
    expect(seen).toEqual([7, 8]);
    expect(await store.wasHandled(7)).toBe(true);
    expect(logger.lines).toEqual(['INFO update 7 was handled before: acknowledged without a second reply']);
  });

  it('lets a second delivery of an update still in progress wait for the first instead of answering again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const logger = memoryLogger();
    let calls = 0;
    const handle = handleOnce(
      async () => {
        calls += 1;
        await gate;
      },
      { handled: createMemoryStore(), logger },
    );
    const first = handle(update(3));
    const second = handle(update(3));
    let secondDone = false;
    void second.then(() => {
      secondDone = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect([calls, secondDone]).toEqual([1, false]);
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(logger.lines).toEqual(['INFO update 3 came again while it is being handled: answered once']);
  });

  it('records nothing when the handler throws, so that the update is handled when it comes again', async () => {
    const store = createMemoryStore();
    let fail = true;
    const handle = handleOnce(
      async () => {
        if (fail) throw new Error('boom');
      },
      { handled: store, logger: memoryLogger() },
    );
    await expect(handle(update(4))).rejects.toThrow('boom');
    expect(await store.wasHandled(4)).toBe(false);
    fail = false;
    await handle(update(4));
    expect(await store.wasHandled(4)).toBe(true);
  });

  it('handles the update when the store cannot say whether it was handled, with a warning', async () => {
    const logger = memoryLogger();
    const broken = {
      wasHandled: async () => {
        throw new Error('store down');
      },
      markHandled: async () => {
        throw new Error('store down');
      },
    };
    let calls = 0;
    await handleOnce(
      async () => {
        calls += 1;
      },
      { handled: broken, logger },
    )(update(5));
    expect(calls).toBe(1);
    expect(logger.lines).toEqual([
      'WARN could not check whether update 5 was handled (store down): it is handled',
      'WARN could not record update 5 as handled (store down): if it comes again it is answered again',
    ]);
  });

  it('idle() resolves only when no update is in progress, failed ones included', async () => {
    const gates: Array<() => void> = [];
    const handle = handleOnce(
      async (u: Update) => {
        await new Promise<void>((r) => {
          gates.push(r);
        });
        if (u.update_id === 2) throw new Error('boom');
      },
      { handled: createMemoryStore(), logger: memoryLogger() },
    );
    const runs = [handle(update(1)), handle(update(2))].map((p) => p.catch(() => undefined));
    let idle = false;
    const waiting = handle.idle().then(() => {
      idle = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    gates[1]();
    await runs[1];
    expect(idle).toBe(false);
    gates[0]();
    await waiting;
    expect(idle).toBe(true);
    await Promise.all(runs);
  });
});
