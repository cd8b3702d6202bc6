/**
 * A strict checker for Telegram Bot API HTML (parse_mode HTML): only the allowed tags and
 * attributes, properly nested and closed, `<`, `>` and `&` escaped, 1–4096 visible characters.
 */

const ALLOWED: Record<string, readonly string[]> = {
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  code: ['class'],
  pre: [],
  a: ['href'],
  blockquote: ['expandable'],
  'tg-spoiler': [],
  span: ['class'],
  'tg-emoji': ['emoji-id'],
};
const ENTITY = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/;
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>/;

/** What is wrong with a Telegram HTML text; an empty list when it is valid. */
export function telegramHtmlProblems(html: string, maxChars = 4096): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let visible = '';
  for (let i = 0; i < html.length; ) {
    const ch = html[i];
    if (ch === '<') {
      const m = TAG.exec(html.slice(i));
      if (!m) {
        problems.push(`unescaped < at ${i}`);
        i += 1;
        continue;
      }
      const [all, closing, name, attrs] = m;
      const tag = name.toLowerCase();
      if (!(tag in ALLOWED)) problems.push(`tag <${tag}> is not allowed`);
      else if (closing) {
        if (attrs.trim()) problems.push(`closing tag </${tag}> has attributes`);
        const open = stack.pop();
        if (open !== tag) problems.push(`</${tag}> closes ${open ? `<${open}>` : 'nothing'}`);
      } else {
        problems.push(...attributeProblems(tag, attrs), ...nestingProblems(tag, stack));
        stack.push(tag);
      }
      i += all.length;
    } else if (ch === '>') {
      problems.push(`unescaped > at ${i}`);
      i += 1;
    } else if (ch === '&') {
      const m = ENTITY.exec(html.slice(i));
      if (!m) problems.push(`unescaped & at ${i}`);
      visible += m?.[1] === 'lt' ? '<' : '_';
      i += m ? m[0].length : 1;
    } else {
      visible += ch;
      i += 1;
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.map((s) => `<${s}>`).join(', ')}`);
  if (!visible.trim()) problems.push('no visible text');
  if (visible.length > maxChars) problems.push(`${visible.length} visible characters (more than ${maxChars})`);
  return problems;
}

/** True when `html` is a valid Telegram HTML message text. */
export function isValidTelegramHtml(html: string, maxChars = 4096): boolean {
  return telegramHtmlProblems(html, maxChars).length === 0;
}

function attributeProblems(tag: string, attrs: string): string[] {
  const problems: string[] = [];
  const found = new Map<string, string | undefined>();
  for (const m of attrs.matchAll(/\s+([a-zA-Z-]+)(?:="([^"]*)")?/g)) found.set(m[1].toLowerCase(), m[2]);
  for (const name of found.keys()) if (!ALLOWED[tag].includes(name)) problems.push(`<${tag}> has attribute ${name}`);
  if (tag === 'a' && !/^(https?|tg):\/\/\S+$/.test(found.get('href') ?? '')) problems.push('<a> without an http(s) or tg href');
  if (tag === 'span' && found.get('class') !== 'tg-spoiler') problems.push('<span> without class="tg-spoiler"');
  return problems;
}

function nestingProblems(tag: string, stack: string[]): string[] {
  const inside = new Set(stack);
  if (inside.has('pre') && !(tag === 'code' && stack[stack.length - 1] === 'pre')) return [`<${tag}> inside <pre>`];
  if (inside.has('code')) return [`<${tag}> inside <code>`];
  if (tag === 'a' && inside.has('a')) return ['<a> inside <a>'];
  if (tag === 'blockquote' && inside.has('blockquote')) return ['<blockquote> inside <blockquote>'];
  return [];
}
