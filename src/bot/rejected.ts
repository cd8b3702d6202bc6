import type { Transformer } from 'grammy';
import type { Logger } from '../log.js';

/** How many times one message may be halved again (2^12 parts: far more than any reply needs). */
const MAX_SPLIT_DEPTH = 12;

/**
 * A grammY API transformer for two answers of Telegram that would otherwise lose a reply:
 * - 400 "can't parse entities" on sendMessage/editMessageText in HTML mode: the same text is sent
 *   again as plain text (tags removed, a link's address kept after its text, entities decoded);
 * - 400 "message is too long" on sendMessage: the text is cut in two near its middle (between
 *   paragraphs, lines, sentences or words, outside any HTML element) and both halves are sent in
 *   order, each halved again if still too long; the keyboard goes under the last part, the reply
 *   reference on the first. The result is that of the last part.
 * Install it after autoRetry, so that every resent part is retried too.
 * ```ts
 * bot.api.config.use(resendRejected({ logger }));
 * ```
 */
export function resendRejected(options: { logger?: Logger } = {}): Transformer {
  const { logger } = options;
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const send = async (p: Record<string, unknown>, depth: number): Promise<Awaited<ReturnType<typeof prev>>> => {
      const result = await prev(method, p as typeof payload, signal);
      if (result.ok || result.error_code !== 400 || typeof p.text !== 'string') return result;
      const description = result.description ?? '';
      if (
        /can't parse entities/i.test(description) &&
        (method === 'sendMessage' || method === 'editMessageText') &&
        p.parse_mode !== undefined
      ) {
        const { parse_mode: _mode, entities: _entities, ...rest } = p;
        const text = htmlToText(p.text);
        if (!text.trim()) return result;
        logger?.warn(`${method}: Telegram could not read the HTML (${description}): sending it as plain text`);
        return send({ ...rest, text }, depth + 1);
      }
      if (/message is too long/i.test(description) && method === 'sendMessage' && depth < MAX_SPLIT_DEPTH) {
        const halves = splitInTwo(p.text, p.parse_mode === 'HTML');
        if (!halves) return result;
        if (depth === 0) logger?.warn(`sendMessage: Telegram refused ${p.text.length} characters as too long: sending the text in parts`);
        const { reply_markup: _markup, ...first } = p;
        const { reply_parameters: _replyTo, reply_to_message_id: _replyToId, ...second } = p;
        const head = await send({ ...first, text: halves[0] }, depth + 1);
        return head.ok ? send({ ...second, text: halves[1] }, depth + 1) : head;
      }
      return result;
    };
    return send(payload as Record<string, unknown>, 0);
  };
  return transformer;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Telegram HTML as readable plain text: tags removed, `<a href="u">t</a>` → `t (u)` unless the
 * text is the address, character references decoded. Pure.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, _q, href: string, text: string) => {
      const url = decodeEntities(href);
      return decodeEntities(text.replace(/<[^>]*>/g, '')).trim() === url ? text : `${text} (${href})`;
    })
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, ref: string) => decodeEntity(ref) ?? m);
}

const decodeEntities = (s: string) => s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, ref: string) => decodeEntity(ref) ?? m);

function decodeEntity(ref: string): string | undefined {
  if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()];
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * Cuts a text in two non-empty parts near its middle: at a paragraph break, else a line break,
 * sentence end or space; for HTML only where no element is open (so both halves stay valid);
 * as a last resort in the middle (never inside a surrogate pair). Null for a text of one character.
 */
export function splitInTwo(text: string, html: boolean): [string, string] | null {
  if (Array.from(text).length < 2) return null;
  const open = html ? openDepths(text) : undefined;
  const middle = text.length / 2;
  for (const separator of [/\n\n/g, /\n/g, /[.!?]\s/g, /\s/g]) {
    let best = -1;
    for (const m of text.matchAll(separator)) {
      const cut = m.index + m[0].length;
      if (cut <= 0 || cut >= text.length || (open && open[m.index] !== 0)) continue;
      if (best === -1 || Math.abs(cut - middle) < Math.abs(best - middle)) best = cut;
    }
    if (best === -1) continue;
    const [head, tail] = [text.slice(0, best).trimEnd(), text.slice(best).trimStart()];
    return head && tail ? [head, tail] : [text.slice(0, best), text.slice(best)];
  }
  let cut = Math.floor(middle);
  if (/[\udc00-\udfff]/.test(text[cut] ?? '')) cut += 1;
  return [text.slice(0, cut), text.slice(cut)];
}

/** For each position of an HTML text: how many elements are open there (-1 inside a tag). */
function openDepths(html: string): number[] {
  const depths = new Array<number>(html.length);
  let depth = 0;
  for (let i = 0; i < html.length; i++) {
    if (html[i] === '<') {
      const end = html.indexOf('>', i);
      const stop = end === -1 ? html.length - 1 : end;
      const closing = html[i + 1] === '/';
      for (let k = i; k <= stop; k++) depths[k] = -1;
      depth = Math.max(0, depth + (closing ? -1 : 1));
      i = stop;
      continue;
    }
    depths[i] = depth;
  }
  return depths;
}
