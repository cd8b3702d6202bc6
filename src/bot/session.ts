import type { StorageAdapter } from 'grammy';
import { LANGS } from '../corpus/types.js';
import type { StateStore } from '../state/types.js';
import { validated } from '../state/validate.js';
import type { SessionData } from './context.js';

/** The state store namespace of the per-user settings. */
export const USER_NAMESPACE = 'user';
/** A user's settings are forgotten after a year without a message from them. */
export const USER_SESSION_TTL_S = 365 * 24 * 60 * 60;

/** Whether a stored value is a SessionData: an object whose `lang`, when present, is kk, ru or en. */
export function isSessionData(value: unknown): value is SessionData {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { lang } = value as { lang?: unknown };
  return lang === undefined || (LANGS as readonly unknown[]).includes(lang);
}

/**
 * The user sessions of the bot over `storage` (e.g. `store.sessions('user', { ttlS: USER_SESSION_TTL_S })`):
 * a damaged entry is reset with one warning, and the empty session grammY writes back for every
 * new user is not stored (an empty session is the same as none).
 */
export function userSessions(storage: StorageAdapter<SessionData>, warn: (line: string) => void): StorageAdapter<SessionData> {
  const checked = validated(storage, isSessionData, warn);
  return {
    read: (key) => checked.read(key),
    async write(key, value) {
      if (Object.keys(value).length > 0) return checked.write(key, value);
      if ((await checked.read(key)) !== undefined) return checked.delete(key);
    },
    delete: (key) => checked.delete(key),
  };
}

/** The store's user namespace with the bot's time to live. */
export const storeUserSessions = (store: StateStore) => store.sessions<SessionData>(USER_NAMESPACE, { ttlS: USER_SESSION_TTL_S });
