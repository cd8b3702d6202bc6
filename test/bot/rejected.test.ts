import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { htmlToText, resendRejected, splitInTwo } from '../../src/bot/rejected.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

type Call = { method: string; payload: Record<string, any> };
const OK = (payload: Record<string, any>) => ({ ok: true, result: { message_id: 1, text: payload.text } });
const tooLong = { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
const cantParse = {
  ok: false,
  error_code: 400,
  description: 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 3',
};

/** Runs the transformer over a fake Bot API that answers each call with `answer(payload)`. */
async function send(payload: Record<string, any>, answer: (p: Record<string, any>) => any, method = 'sendMessage') {
  const calls: Call[] = [];
  const lines: string[] = [];
  const prev = async (m: string, p: any) => {
    calls.push({ method: m, payload: p });
    return answer(p);
  };
  const t = resendRejected({ logger: createLogger({ write: (l) => lines.push(l.replace(/^\S+ /, '')) }) });
  const result = await (t as any)(prev, method, payload, undefined);
  return { result, calls, lines };
}

describe('htmlToText', () => {
  it('removes tags, keeps link addresses after their text, decodes character references', () => {
    expect(
      htmlToText('<b>1. § Results</b> · <i>translated</i>\n<blockquote>A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#x27; &#1179;</blockquote>'),
    ).toBe('1. § Results · translated\nA <b> & "c" \'d\' қ');
    expect(htmlToText('<a href="https://doi.org/10.1/x?a=1&amp;b=2">DOI 10.1/x</a> · <a href="https://e.org">https://e.org</a>')).toBe(
      'DOI 10.1/x (https://doi.org/10.1/x?a=1&b=2) · https://e.org',
    );
  });
});

describe('splitInTwo', () => {
  it('cuts at the paragraph break nearest the middle, outside any element', () => {
    const html = '<b>head</b>\n\n<blockquote>one\n\ntwo</blockquote>\n\nthree four five';
    const [a, b] = splitInTwo(html, true)!;
    expect([a, b]).toEqual(['<b>head</b>\n\n<blockquote>one\n\ntwo</blockquote>', 'three four five']);
    for (const part of [a, b]) expect(telegramHtmlProblems(part)).toEqual([]);
  });

  it('falls back to lines, sentences, spaces, and the middle (never inside a surrogate pair)', () => {
    expect(splitInTwo('first line\nsecond line', false)).toEqual(['first line', 'second line']);
    expect(splitInTwo('One sentence. Another one here.', false)).toEqual(['One sentence.', 'Another one here.']);
    expect(splitInTwo('😀😀😀', false)).toEqual(['😀😀', '😀']); // the middle (3) is the low half of the second emoji: cut after it
    expect(splitInTwo('x', false)).toBeNull();
  });
});

describe('resendRejected', () => {
  it('sends a text Telegram cannot parse again as plain text, once, with a warning', async () => {
    const r = await send({ chat_id: 5, text: '<b>Hi</b> &amp; bye', parse_mode: 'HTML', reply_markup: { inline_keyboard: [] } }, (p) =>
      p.parse_mode ? cantParse : OK(p),
    );
    expect(r.calls.map((c) => c.payload)).toEqual([
      { chat_id: 5, text: '<b>Hi</b> &amp; bye', parse_mode: 'HTML', reply_markup: { inline_keyboard: [] } },
      { chat_id: 5, text: 'Hi & bye', reply_markup: { inline_keyboard: [] } },
    ]);
    expect(r.result).toEqual(OK({ text: 'Hi & bye' }));
    expect(r.lines).toEqual([`WARN sendMessage: Telegram could not read the HTML (${cantParse.description}): sending it as plain text`]);
  });

  it('halves a text that is too long until every part fits, keyboard under the last part, reply reference on the first', async () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `<b>${i}</b> ${'word '.repeat(40).trim()}`);
    const text = paragraphs.join('\n\n');
    const r = await send({ chat_id: 5, text, parse_mode: 'HTML', reply_markup: { k: 1 }, reply_parameters: { message_id: 9 } }, (p) =>
      htmlToText(p.text).length > 500 ? tooLong : OK(p),
    );
    const sent = r.calls.filter((c) => htmlToText(c.payload.text).length <= 500).map((c) => c.payload);
    expect(sent.map((p) => p.text)).toEqual(
      [paragraphs.slice(0, 2), paragraphs.slice(2, 4), paragraphs.slice(4, 6), paragraphs.slice(6)].map((ps) => ps.join('\n\n')),
    );
    expect(sent.map((p) => [p.reply_parameters?.message_id, p.reply_markup?.k])).toEqual([
      [9, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, 1],
    ]);
    expect(r.result).toEqual(OK({ text: sent[3].text }));
    expect(r.lines).toEqual([`WARN sendMessage: Telegram refused ${text.length} characters as too long: sending the text in parts`]);
  });

  it('passes other answers and methods through untouched', async () => {
    const bad = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
    expect((await send({ chat_id: 5, text: 'x', parse_mode: 'HTML' }, () => bad)).calls).toHaveLength(1);
    expect((await send({ chat_id: 5, text: 'x' }, () => cantParse)).calls).toHaveLength(1); // not HTML: nothing to strip
    expect((await send({ chat_id: 5, text: 'x'.repeat(9000) }, () => tooLong, 'editMessageText')).calls).toHaveLength(1);
  });
});
