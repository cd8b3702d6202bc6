/**
 * A tiny two-way text model: every piece of a reply is built once and rendered both as Telegram
 * HTML (escaped, only allowed tags) and as plain text, so the two renderings always say the same.
 */

/** One piece of reply text in both renderings. */
export interface Rich {
  html: string;
  text: string;
}

/** Default size of one reply part: below Telegram's 4096-character message limit with room to spare. */
export const DEFAULT_PART_CHARS = 4000;

/** Escapes `&`, `<` and `>` for Telegram HTML text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const escapeAttr = (value: string) => escapeHtml(value).replace(/"/g, '&quot;');
const rich = (r: Rich | string): Rich => (typeof r === 'string' ? plain(r) : r);
const wrap = (tag: string, r: Rich | string): Rich => {
  const x = rich(r);
  return { html: `<${tag}>${x.html}</${tag}>`, text: x.text };
};

/** Literal text (escaped in HTML). */
export const plain = (text: string): Rich => ({ html: escapeHtml(text), text });
/** Concatenation; strings are literal text. */
export const cat = (...parts: Array<Rich | string>): Rich => joinRich(parts.map(rich), '');
/** Joins pieces with a literal separator. */
export function joinRich(parts: Array<Rich | string>, separator: string): Rich {
  const xs = parts.map(rich);
  return { html: xs.map((x) => x.html).join(escapeHtml(separator)), text: xs.map((x) => x.text).join(separator) };
}
export const bold = (r: Rich | string): Rich => wrap('b', r);
export const italic = (r: Rich | string): Rich => wrap('i', r);
/** A quoted block (`<blockquote>`); plain text shows the content as is. */
export const quote = (r: Rich | string): Rich => wrap('blockquote', r);
/** A quotation Telegram shows collapsed to a few lines until tapped (`<blockquote expandable>`); plain text shows the content as is. */
export function expandable(r: Rich | string): Rich {
  const x = rich(r);
  return { html: `<blockquote expandable>${x.html}</blockquote>`, text: x.text };
}
/** A link; plain text shows `textForm` (default: `label (href)`). */
export function link(href: string, label: Rich | string, textForm?: string): Rich {
  const x = rich(label);
  return { html: `<a href="${escapeAttr(href)}">${x.html}</a>`, text: textForm ?? (x.text === href ? href : `${x.text} (${href})`) };
}

/**
 * Packs units (paragraphs) into message parts of at most `maxChars` characters, joined by a blank
 * line and cut only between units. A unit longer than `maxChars` on its own is cut at sentence
 * (else word, else character) boundaries and loses its formatting, so every part stays valid HTML.
 */
export function packParts(units: Rich[], mode: 'html' | 'text', maxChars = DEFAULT_PART_CHARS): string[] {
  const render = mode === 'html' ? escapeHtml : (s: string) => s;
  const pieces = units.flatMap((u) => {
    const s = mode === 'html' ? u.html : u.text;
    return s.length <= maxChars ? [s] : cutPlain(u.text, maxChars, render).map(render);
  });
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (!piece.trim()) continue;
    if (current && current.length + 2 + piece.length > maxChars) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) parts.push(current);
  return parts;
}

/** Renders units as one text (no length limit), paragraphs separated by a blank line. */
export function renderAll(units: Rich[], mode: 'html' | 'text'): string {
  return units
    .map((u) => u[mode])
    .filter((s) => s.trim())
    .join('\n\n');
}

/** Cuts plain text into pieces whose rendered length is at most `maxChars`. */
function cutPlain(text: string, maxChars: number, render: (s: string) => string): string[] {
  const out: string[] = [];
  let current = '';
  for (const token of tokens(text, maxChars, render)) {
    if (current && render(current + token).length > maxChars) {
      out.push(current.trim());
      current = '';
    }
    current += token;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Sentences, then words, then characters: each token fits in `maxChars` once rendered. */
function* tokens(text: string, maxChars: number, render: (s: string) => string): Generator<string> {
  for (const sentence of text.split(/(?<=[.!?…]\s+|\n)/)) {
    if (render(sentence).length <= maxChars) {
      yield sentence;
      continue;
    }
    for (const word of sentence.match(/\S+\s*/g) ?? []) {
      if (render(word).length <= maxChars) {
        yield word;
        continue;
      }
      let cut = '';
      for (const ch of word) {
        if (render(cut + ch).length > maxChars) {
          yield cut;
          cut = '';
        }
        cut += ch;
      }
      if (cut) yield cut;
    }
  }
}
