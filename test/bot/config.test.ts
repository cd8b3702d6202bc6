import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadRetrievalConfig } from '../../src/config.js';

const TOKEN = '123456789:AAH-abcdefghijklmnopqrstuvwxyz_0123';
const ROOT = '/srv/bot';
const load = (env: Record<string, string>) => loadConfig(env, ROOT);
const error = (env: Record<string, string>): ConfigError => {
  try {
    load(env);
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('returns the defaults for a minimal environment', () => {
    expect(load({ BOT_TOKEN: TOKEN })).toEqual({
      botToken: TOKEN,
      dataDir: '/srv/bot/data',
      rateLimit: { max: 8, windowS: 20 },
      logLevel: 'info',
      stopTimeoutS: 10,
      retryMaxWaitS: 60,
      dialogueTtlMin: 30,
      retrieval: {
        corpusDir: '/srv/bot/corpus',
        indexDir: '/srv/bot/index/article',
        embedder: 'auto',
        model: 'Xenova/multilingual-e5-small',
        allowRemote: true,
        cacheDir: '/srv/bot/.cache/models',
      },
    });
  });

  it('reads every variable', () => {
    const config = load({
      BOT_TOKEN: ` ${TOKEN} `,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      WEBHOOK_URL: 'https://bot.example.org/hook',
      WEBHOOK_PORT: '8443',
      WEBHOOK_HOST: '0.0.0.0',
      WEBHOOK_SECRET: 's'.repeat(32),
      DATA_DIR: '/var/lib/bot',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_S: '60',
      LOG_LEVEL: 'debug',
      DIALOGUE_TTL_MIN: '5',
      STOP_TIMEOUT_S: '3',
      RETRY_MAX_WAIT_S: '120',
      INDEX_DIR: 'idx',
      CORPUS_DIR: 'c',
      EMBEDDER: 'lexical',
      EMBEDDING_MODEL: 'models/tiny',
      ALLOW_REMOTE_MODELS: 'no',
      MODEL_CACHE_DIR: '/tmp/m',
    });
    expect(config).toEqual({
      botToken: TOKEN,
      apiRoot: 'http://127.0.0.1:8081',
      webhook: { url: 'https://bot.example.org/hook', port: 8443, host: '0.0.0.0', secret: 's'.repeat(32) },
      dataDir: '/var/lib/bot',
      rateLimit: { max: 3, windowS: 60 },
      logLevel: 'debug',
      stopTimeoutS: 3,
      retryMaxWaitS: 120,
      dialogueTtlMin: 5,
      retrieval: {
        corpusDir: '/srv/bot/c',
        indexDir: '/srv/bot/idx',
        embedder: 'lexical',
        model: 'models/tiny',
        allowRemote: false,
        cacheDir: '/tmp/m',
      },
    });
  });

  it('throws a ConfigError naming .env.example and `npm run chat` when BOT_TOKEN is missing', () => {
    const e = error({ BOT_TOKEN: '' });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.variables).toEqual(['BOT_TOKEN']);
    expect(e.message).toBe(
      'BOT_TOKEN is not set: copy .env.example to .env and put the token from @BotFather there (to talk to the article without Telegram, ' +
        'run `npm run chat`) (every variable is described in .env.example)',
    );
  });

  it('rejects an implausible token without echoing it', () => {
    const token = '12345:short-secret';
    const e = error({ BOT_TOKEN: token });
    expect(e.message).toBe(
      'BOT_TOKEN does not look like a bot token (expected <bot id>:<secret of 30+ letters, digits, _ or ->, got 18 characters): copy it ' +
        'again from @BotFather into .env, or run `npm run ask` to try the article without Telegram (every variable is described in ' +
        '.env.example)',
    );
    expect(e.message).not.toContain('short-secret');
  });

  it('lists every invalid variable at once and never echoes the webhook secret', () => {
    const e = error({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'ftp://x',
      WEBHOOK_URL: 'http://insecure.example.org',
      WEBHOOK_PORT: '99999',
      WEBHOOK_SECRET: 'bad secret!',
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_WINDOW_S: 'ten',
      LOG_LEVEL: 'loud',
      EMBEDDER: 'magic',
      ALLOW_REMOTE_MODELS: 'maybe',
    });
    expect(e.variables).toEqual([
      'TELEGRAM_API_ROOT',
      'WEBHOOK_URL',
      'WEBHOOK_PORT',
      'WEBHOOK_SECRET',
      'RATE_LIMIT_MAX',
      'RATE_LIMIT_WINDOW_S',
      'LOG_LEVEL',
      'EMBEDDER',
      'ALLOW_REMOTE_MODELS',
    ]);
    expect(e.problems[1]).toBe('WEBHOOK_URL="http://insecure.example.org" must be an https:// URL');
    expect(e.problems[3]).toBe('WEBHOOK_SECRET must be 16–256 letters, digits, _ or - (got 11 characters)');
    expect(e.problems[7]).toBe('EMBEDDER="magic" is not one of lexical, transformers, auto (default auto)');
    expect(e.message).not.toContain('bad secret');
  });

  it('requires WEBHOOK_SECRET with WEBHOOK_URL', () => {
    expect(error({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.org/hook' }).variables).toEqual(['WEBHOOK_SECRET']);
  });

  it('reads REDIS_URL (redis:// or rediss://, with or without password and database)', () => {
    expect(load({ BOT_TOKEN: TOKEN }).redisUrl).toBeUndefined();
    for (const url of [
      'redis://127.0.0.1:6379/0',
      'rediss://:p%40ss@cache.example.org:6380/3',
      'redis://user:pw@localhost',
      'redis://10.0.0.5:6379',
    ]) {
      expect(load({ BOT_TOKEN: TOKEN, REDIS_URL: url }).redisUrl).toBe(url);
    }
  });

  it('rejects a REDIS_URL that is not a Redis URL, with how to write it and without echoing it', () => {
    const cases: Array<[string, string]> = [
      ['http://:hunter2-secret@127.0.0.1:6379/0', 'it does not start with redis:// (or rediss:// for TLS)'],
      ['localhost:6379', 'it does not start with redis:// (or rediss:// for TLS)'],
      ['redis://:hunter2-secret@bad host:6379', 'it is not a URL'],
      ['redis:///0', 'it names no host'],
      ['redis://:hunter2-secret@127.0.0.1:6379/zero', 'what follows the host and port must be a database number'],
    ];
    for (const [url, problem] of cases) {
      const e = error({ BOT_TOKEN: TOKEN, REDIS_URL: url });
      expect(e.variables).toEqual(['REDIS_URL']);
      expect(e.message).toBe(
        `REDIS_URL is not a Redis URL (${problem}): write it as redis://[:password@]host:port/db, e.g. redis://127.0.0.1:6379/0, or ` +
          `leave it empty for the embedded store (every variable is described in .env.example)`,
      );
      expect(e.message).not.toContain('hunter2');
    }
  });
});

describe('loadRetrievalConfig', () => {
  it('reads the retrieval variables without needing BOT_TOKEN', () => {
    expect(loadRetrievalConfig({ EMBEDDER: 'transformers' }, ROOT).embedder).toBe('transformers');
    expect(() => loadRetrievalConfig({ ALLOW_REMOTE_MODELS: 'perhaps' }, ROOT)).toThrow(
      'ALLOW_REMOTE_MODELS="perhaps" must be true or false (default true)',
    );
  });
});
