import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { reportError, usageProblem } from '../src/entry.js';
import { UserError } from '../src/errors.js';

const TOKEN = '123456789:AAE_secret-part-of-the-token-0123456789';
const env = { BOT_TOKEN: TOKEN, WEBHOOK_SECRET: 'hook_secret_0123456789', REDIS_URL: 'redis://user:redis-pass-0123@127.0.0.1:6379' };

describe('reportError', () => {
  it('prints one line with BOT_TOKEN, WEBHOOK_SECRET and the Redis password redacted', () => {
    const out: string[] = [];
    reportError(new Error(`failed with ${TOKEN}, hook_secret_0123456789 and redis-pass-0123`), env, (t) => out.push(t));
    expect(out).toEqual(['error: failed with [redacted], [redacted] and [redacted] (run with DEBUG=1 for the stack)\n']);
  });

  it('prints a user-fixable error as it is, and the stack (redacted) only with DEBUG', () => {
    class Fixable extends UserError {}
    const out: string[] = [];
    reportError(new Fixable(`bad token ${TOKEN.split(':')[1]}: copy it again`), env, (t) => out.push(t));
    expect(out).toEqual(['error: bad token [redacted]: copy it again\n']);
    const debug: string[] = [];
    reportError(new Fixable(`bad token ${TOKEN}`), { ...env, DEBUG: '1' }, (t) => debug.push(t));
    expect(debug).toHaveLength(2);
    expect(debug[1]).toMatch(/^Fixable: bad token \[redacted\]\n\s+at /);
  });
});

describe('usageProblem', () => {
  const problem = (args: string[]) => {
    try {
      parseArgs({ args, options: { k: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
    } catch (err) {
      return usageProblem(err, { k: '--k needs a number' });
    }
    return undefined;
  };

  it('words node:util parseArgs errors as the CLIs did: unknown option, missing value', () => {
    expect(problem(['--bogus', 'q'])).toBe('unknown option --bogus');
    expect(problem(['--k'])).toBe('--k needs a number');
    expect(problem(['--k', '--json'])).toBe('--k needs a number');
    expect(problem(['--k', '3', 'q'])).toBeUndefined();
  });

  it('rethrows anything that is not a parseArgs error', () => {
    const err = new Error('boom');
    expect(() => usageProblem(err)).toThrow(err);
  });
});
