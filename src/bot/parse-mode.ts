import type { Transformer } from 'grammy';

/** The methods whose text the bot writes: always Telegram HTML (src/answer/format.ts, escapeHtml). */
const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);

/**
 * A grammY API transformer giving every message text `parse_mode: 'HTML'` unless the call sets a
 * parse mode itself (grammY's parse-mode plugin in five lines, limited to the text methods).
 * Install it after `resendRejected`, so that its plain-text resend (sent without a parse mode,
 * further in) is not made HTML again.
 */
export const htmlByDefault: Transformer = (prev, method, payload, signal) =>
  prev(
    method,
    (TEXT_METHODS.has(method) && payload && !('parse_mode' in payload) ? { ...payload, parse_mode: 'HTML' } : payload) as typeof payload,
    signal,
  );
