import { describe, expect, it } from 'vitest';
import { createFairScheduler } from '../../src/bot/scheduler.js';

interface Item {
  chat: string;
  kind: 'message' | 'press';
}

/** A scheduler whose items run until `finish(chat)` is called; `started` lists the chats in start order. */
function harness(concurrency: number) {
  const started: string[] = [];
  const pending = new Map<string, () => void>();
  const scheduler = createFairScheduler<Item>({
    concurrency,
    keyOf: (item) => item.chat,
    laneOf: (item) => item.kind,
    run: (item) =>
      new Promise<void>((resolve) => {
        started.push(item.chat);
        pending.set(item.chat, resolve);
      }),
  });
  const finish = async (chat: string) => {
    pending.get(chat)!();
    pending.delete(chat);
    await new Promise((r) => setImmediate(r)); // the scheduler starts the next items
  };
  return { scheduler, started, finish };
}

const messages = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ chat: `m${i}`, kind: 'message' }));
const presses = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ chat: `p${i}`, kind: 'press' }));

describe('createFairScheduler', () => {
  it('starts items in the order pushed while slots are free', () => {
    const { scheduler, started } = harness(4);
    for (const item of [...presses(4), ...messages(4)]) scheduler.push(item);
    expect(started).toEqual(['p0', 'p1', 'p2', 'p3']); // the presses came first and had the slots to themselves
  });

  it('keeps slow messages to their share of the slots while presses wait: the presses go on at their own pace', async () => {
    const { scheduler, started, finish } = harness(4);
    for (const item of [...messages(10), ...presses(10)]) scheduler.push(item);
    // the messages came first: alone, they took every slot
    expect(started).toEqual(['m0', 'm1', 'm2', 'm3']);
    await finish('m0'); // a slot frees: the waiting presses' lane is under its share (2 of 4)
    await finish('m1');
    expect(started.slice(4)).toEqual(['p0', 'p1']);
    await finish('m2'); // messages still hold 1 slot, under their share: one more message
    expect(started.slice(6)).toEqual(['m4']);
    // from now on each finished press is followed by a press, however slow the messages are
    for (let i = 0; i < 6; i++) await finish(`p${i}`);
    expect(started.slice(7)).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    expect([scheduler.running(), scheduler.queued()]).toEqual([4, 20 - 5 - 8]); // m3, m4, p6, p7 running; 5 messages and 8 presses started
  });

  it('lets one lane alone use every slot', () => {
    const { scheduler, started } = harness(3);
    for (const item of messages(5)) scheduler.push(item);
    expect(started).toEqual(['m0', 'm1', 'm2']);
  });
});
