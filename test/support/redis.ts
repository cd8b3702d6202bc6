/**
 * A real `redis-server` for tests: on a free port of 127.0.0.1, in a throwaway folder, nothing
 * saved to disk (`--save '' --appendonly no`). It can be stopped and started again on the same
 * port (for outage tests) and is stopped by its pid.
 * ```ts
 * const redis = await startRedis();            // or startRedis({ password: 'secret-for-tests' })
 * const store = await openRedisStore(redis.url, { logger });
 * await redis.stop(); await redis.start();      // an outage (what was stored is gone: nothing is saved)
 * redis.pause(); redis.resume();                // a hang (what was stored stays)
 * await redis.close();                          // in afterAll
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long a started redis-server may take to answer PING. */
export const REDIS_START_TIMEOUT_MS = 5_000;
/** How long a stopped redis-server may take to exit after SIGTERM before it gets SIGKILL. */
export const REDIS_STOP_TIMEOUT_MS = 3_000;
/** Pause between two PINGs while waiting for a start. */
const POLL_MS = 20;

export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:PORT/0`, with `:password@` when started with a password. */
  url: string;
  /** The throwaway working folder. */
  dir: string;
  /** Pid of the running server (undefined while stopped). */
  readonly pid: number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after REDIS_STOP_TIMEOUT_MS); the port stays reserved for `start`. */
  stop(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered, like a host that hangs. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
  /** Stops it and removes its folder. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a redis-server and waits until it answers PING. @throws when it is not installed or does not answer within REDIS_START_TIMEOUT_MS.
 */
export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'];
  if (options.password) args.push('--requirepass', options.password);

  const server: RedisServer = {
    port,
    url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}/0`,
    dir,
    get pid() {
      return child?.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    async start() {
      if (server.pid !== undefined) return;
      child = await launch(args, port);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async stop() {
      const c = child;
      child = undefined;
      if (c) await terminate(c);
    },
    async close() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return server;
}

/** Servers still running: killed when the test process exits without stopping them (a crashed test file). */
const running = new Set<ChildProcess>();
let exitHook = false;

async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-2000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'ENOENT'
            ? 'redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does this)'
            : `redis-server did not start: ${err.message}`,
        ),
      ),
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server exited at start (code ${code}, signal ${signal}): ${output.trim()}`)),
    );
  });
  failed.catch(() => undefined);
  const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
  try {
    for (;;) {
      if (await Promise.race([answers(port), failed])) return child;
      if (Date.now() > deadline)
        throw new Error(
          `redis-server on port ${port} did not answer within REDIS_START_TIMEOUT_MS (${REDIS_START_TIMEOUT_MS} ms): ${output.trim()}`,
        );
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    await terminate(child);
    throw err;
  }
}

/** Whether something on the port answers an inline PING like Redis (`+PONG`, or `-NOAUTH` with a password). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (b) => done(/^(\+PONG|-NOAUTH)/.test(b.toString())));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGCONT'); // a paused server cannot act on SIGTERM
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(true), REDIS_STOP_TIMEOUT_MS);
  });
  if (await Promise.race([exited.then(() => false), late])) {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
