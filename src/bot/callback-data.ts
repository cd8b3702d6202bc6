import type { Lang } from '../corpus/types.js';

/** What an inline button asks for. Encoded as `v1:<kind>:<fields…>` in at most 64 bytes. */
export type Action =
  | { kind: 'ex'; lang: Lang; index: number }
  | { kind: 'try'; lang: Lang; index: number }
  /** `owner`: in a group, the member whose conversation the answer belongs to (any member may page it). */
  | { kind: 'more'; offset: number; key: string; owner?: number }
  | { kind: 'orig'; chunkId: string }
  | { kind: 'langs'; chunkId: string }
  | { kind: 'sec'; sectionId: string }
  | { kind: 'lang'; lang: Lang };

/** Telegram's limit for callback data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;
const VERSION = 'v1';
const LANG = /^(kk|ru|en)$/;
const CHUNK_ID = /^(kk|ru|en):[a-z0-9-]+(\/[a-z0-9-]+)?:\d{1,3}(:tr)?$/;
const SECTION_ID = /^[a-z0-9-]+(\/[a-z0-9-]+)?$/;

/** Callback data for an action, or undefined when it would not fit in 64 bytes. */
export function encodeAction(a: Action): string | undefined {
  const fields =
    a.kind === 'ex' || a.kind === 'try'
      ? [a.lang, a.index]
      : a.kind === 'more'
        ? [a.offset, a.key, ...(a.owner === undefined ? [] : [a.owner])]
        : a.kind === 'orig' || a.kind === 'langs'
          ? [a.chunkId]
          : a.kind === 'sec'
            ? [a.sectionId]
            : [a.lang];
  const data = [VERSION, a.kind, ...fields].join(':');
  return Buffer.byteLength(data) <= MAX_CALLBACK_BYTES ? data : undefined;
}

/**
 * The action of callback data, or undefined for anything this version did not produce (old
 * versions, forged or truncated data). Validates every field's shape, not that the target exists.
 */
export function decodeAction(data: string | undefined): Action | undefined {
  if (!data || Buffer.byteLength(data) > MAX_CALLBACK_BYTES) return undefined;
  const m = /^v1:([a-z]+):(.+)$/.exec(data);
  if (!m) return undefined;
  const [, kind, rest] = m;
  const parts = rest.split(':');
  switch (kind) {
    case 'ex':
      return parts.length === 2 && LANG.test(parts[0]) && /^[0-2]$/.test(parts[1])
        ? { kind, lang: parts[0] as Lang, index: Number(parts[1]) }
        : undefined;
    case 'try':
      return parts.length === 2 && LANG.test(parts[0]) && /^\d$/.test(parts[1])
        ? { kind, lang: parts[0] as Lang, index: Number(parts[1]) }
        : undefined;
    case 'more': {
      const ok =
        (parts.length === 2 || (parts.length === 3 && /^[1-9]\d{0,15}$/.test(parts[2]))) &&
        /^[1-9]\d{0,2}$/.test(parts[0]) &&
        /^[A-Za-z0-9_-]{10}$/.test(parts[1]);
      return ok ? { kind, offset: Number(parts[0]), key: parts[1], ...(parts[2] ? { owner: Number(parts[2]) } : {}) } : undefined;
    }
    case 'orig':
    case 'langs':
      return CHUNK_ID.test(rest) ? { kind, chunkId: rest } : undefined;
    case 'sec':
      return SECTION_ID.test(rest) ? { kind, sectionId: rest } : undefined;
    case 'lang':
      return LANG.test(rest) ? { kind, lang: rest as Lang } : undefined;
    default:
      return undefined;
  }
}
