/**
 * A one-line terminal progress bar for model downloads, plus an adapter from the
 * transformers.js `progress_callback` events to it.
 */

/** Anything the bar can draw on; `process.stderr` / `process.stdout` fit. */
export interface BarStream {
  write(chunk: string): unknown;
  /** The bar draws only when this is true; otherwise it prints nothing at all. */
  isTTY?: boolean;
  /** Terminal width in characters (default 80). */
  columns?: number;
}

export interface ProgressBar {
  /** Reports `done` of `total` bytes (`total` ≤ 0 means unknown). Redraws at most every 100 ms unless finished. */
  update(done: number, total: number): void;
  /** Finishes the line (newline) if anything was drawn. Idempotent. */
  done(): void;
}

/**
 * One transformers.js 2.x progress event. `status` is 'initiate' | 'download' | 'progress' |
 * 'done' (per file) or 'ready' (pipeline built); `loaded`/`total` are bytes, `progress` is 0..100.
 */
export interface ProgressEvent {
  status: string;
  name?: string;
  file?: string;
  loaded?: number;
  total?: number;
  progress?: number;
  [key: string]: unknown;
}

const MB = 1024 * 1024;
const REDRAW_MS = 100;

function formatMb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/** How the bar shows amounts: byte sizes in MB (downloads) or plain counts with a noun (passages). */
export type BarUnit = 'bytes' | { items: string };

function amounts(done: number, total: number, unit: BarUnit): string {
  return unit === 'bytes' ? `${formatMb(done)}/${formatMb(total)} MB` : `${done}/${total} ${unit.items}`;
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Creates a single-line bar like `label [#####-----]  42% 12.3/45.6 MB ETA 0:12` redrawn in place
 * with `\r`. Sizes are shown in MB (2^20 bytes) by default, or as counts (`96/224 passages`) with
 * `unit: { items: 'passages' }`; ETA is extrapolated from the average rate since the first update.
 * When `stream.isTTY` is not true every method is a no-op (no output).
 */
export function createProgressBar(stream: BarStream, label: string, unit: BarUnit = 'bytes'): ProgressBar {
  const enabled = stream.isTTY === true;
  let startedAt = 0;
  let lastDraw = 0;
  let drawn = false;
  let finished = false;
  let lastLength = 0;

  const draw = (done: number, total: number): void => {
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - label.length - 40));
    let line: string;
    if (total > 0) {
      const ratio = Math.min(1, Math.max(0, done / total));
      const filled = Math.round(ratio * width);
      const elapsed = (Date.now() - startedAt) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
      line =
        `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
        `${String(Math.floor(ratio * 100)).padStart(3)}% ${amounts(done, total, unit)} ETA ${formatEta(eta)}`;
    } else {
      line = `${label} ${formatMb(done)} MB`;
    }
    const pad = lastLength > line.length ? ' '.repeat(lastLength - line.length) : '';
    stream.write(`\r${line}${pad}`);
    lastLength = line.length;
    drawn = true;
  };

  return {
    update(done: number, total: number): void {
      if (!enabled || finished) return;
      const now = Date.now();
      if (startedAt === 0) startedAt = now;
      const complete = total > 0 && done >= total;
      if (drawn && !complete && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      draw(done, total);
    },
    done(): void {
      if (!enabled || finished) return;
      finished = true;
      if (drawn) stream.write('\n');
    },
  };
}

/**
 * Adapts transformers.js progress events to one bar summing all files being fetched.
 * The bar is finished on the 'ready' event (or when the returned function's `finish()` is called).
 * Prints nothing on a non-TTY stream.
 */
export function createModelProgressHandler(
  stream: BarStream,
  label = 'Loading model',
): ((event: ProgressEvent) => void) & { finish(): void } {
  const bar = createProgressBar(stream, label);
  const files = new Map<string, { loaded: number; total: number }>();
  const handler = (event: ProgressEvent): void => {
    if (event.status === 'progress' && typeof event.loaded === 'number') {
      files.set(event.file ?? '', { loaded: event.loaded, total: typeof event.total === 'number' ? event.total : 0 });
      let loaded = 0;
      let total = 0;
      for (const f of files.values()) {
        loaded += f.loaded;
        total += f.total;
      }
      bar.update(loaded, total);
    } else if (event.status === 'ready') {
      bar.done();
    }
  };
  return Object.assign(handler, { finish: () => bar.done() });
}
