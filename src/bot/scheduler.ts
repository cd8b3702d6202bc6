/**
 * A fair scheduler of work items (updates), each belonging to a key (its chat) and a lane (its kind:
 * messages, button presses, inline queries). One item per key runs at a time, in the order pushed;
 * at most `concurrency` run at once. The next item to start is taken from the lanes in turn, and
 * within a lane from the keys in the order they became ready, a key going to the back after each
 * item: a question waits for at most about one button press however many thousands are queued,
 * and a chat with many updates does not hold up the others. While several lanes have work, none
 * holds more than its share of the slots (`concurrency` / lanes with work, rounded up): slow items
 * (answers waiting for Telegram's 30 messages a second) cannot take every slot and hold the quick
 * ones (button presses) to their pace. A lane alone may use every slot.
 * ```ts
 * const scheduler = createFairScheduler({ concurrency: 64, keyOf, laneOf, run: handle });
 * scheduler.push(update);
 * ```
 */
export interface FairSchedulerOptions<T> {
  /** Items started and not yet finished, at most. */
  concurrency: number;
  keyOf: (item: T) => string;
  laneOf: (item: T) => string;
  /** Handles one item; a rejection is the caller's to log (it is ignored here). */
  run: (item: T) => Promise<void>;
}

export interface FairScheduler<T> {
  push(item: T): void;
  /** Items pushed and not yet started. */
  queued(): number;
  /** Items started and not yet finished. */
  running(): number;
  /** Resolves the next time an item finishes (at once when none runs). */
  progress(): Promise<void>;
  /** Changes the concurrency (items above it keep running; none starts until fewer run). */
  setConcurrency(n: number): void;
  /** Starts no more items; resolves when the running ones have finished. */
  halt(): Promise<void>;
}

export function createFairScheduler<T>(options: FairSchedulerOptions<T>): FairScheduler<T> {
  const { keyOf, laneOf, run } = options;
  let concurrency = options.concurrency;
  const perKey = new Map<string, Deque<T>>(); // items not started, per key
  const busy = new Set<string>();
  const lanes = new Map<string, Deque<string>>(); // keys ready to start their next item, per lane
  const laneNames: string[] = [];
  const laneRunning = new Map<string, number>(); // items started and not finished, per lane
  let turn = 0;
  let [queued, running, halted] = [0, 0, false];
  let waiters: Array<() => void> = [];

  const ready = (key: string) => {
    const lane = laneOf(perKey.get(key)!.peek()!);
    if (!lanes.has(lane)) {
      lanes.set(lane, new Deque());
      laneNames.push(lane);
    }
    lanes.get(lane)!.push(key);
  };
  /** The next key to start: lanes in turn, skipping one at its share of the slots while another lane waits. */
  const nextKey = (): string | undefined => {
    let withWork = 0;
    for (const lane of laneNames) if (lanes.get(lane)!.size() > 0 || (laneRunning.get(lane) ?? 0) > 0) withWork++;
    const share = Math.ceil(concurrency / Math.max(1, withWork));
    for (const fair of [true, false]) {
      for (let i = 0; i < laneNames.length; i++) {
        const lane = laneNames[(turn + i) % laneNames.length];
        if (fair && (laneRunning.get(lane) ?? 0) >= share) continue;
        const key = lanes.get(lane)!.shift();
        if (key !== undefined) {
          turn = (turn + i + 1) % laneNames.length;
          return key;
        }
      }
    }
    return undefined;
  };
  const pump = () => {
    while (!halted && running < concurrency) {
      const key = nextKey();
      if (key === undefined) return;
      start(key);
    }
  };
  const start = (key: string) => {
    const items = perKey.get(key)!;
    const item = items.shift()!;
    const lane = laneOf(item);
    busy.add(key);
    queued--;
    running++;
    laneRunning.set(lane, (laneRunning.get(lane) ?? 0) + 1);
    void run(item)
      .catch(() => undefined)
      .then(() => {
        running--;
        laneRunning.set(lane, laneRunning.get(lane)! - 1);
        busy.delete(key);
        if (items.size() > 0) ready(key);
        else perKey.delete(key);
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
        pump();
      });
  };

  return {
    push(item) {
      const key = keyOf(item);
      let items = perKey.get(key);
      if (!items) {
        items = new Deque();
        perKey.set(key, items);
      }
      items.push(item);
      queued++;
      if (items.size() === 1 && !busy.has(key)) ready(key);
      pump();
    },
    queued: () => queued,
    running: () => running,
    setConcurrency(n) {
      concurrency = n;
      pump();
    },
    progress: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async halt() {
      halted = true;
      while (running > 0) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** A first-in first-out queue with O(1) push and shift (an array's shift is O(n)). */
class Deque<T> {
  private items: T[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  size(): number {
    return this.items.length - this.head;
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
