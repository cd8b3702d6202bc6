import { describe, expect, it } from 'vitest';
import { isValidTelegramHtml, telegramHtmlProblems } from '../support/telegram-html.js';

describe('telegramHtmlProblems', () => {
  it('accepts allowed, nested, escaped markup', () => {
    expect(
      telegramHtmlProblems(
        '<b>A &amp; B</b> <i>x &lt; y</i>\n<blockquote>q <b>bold</b></blockquote> <a href="https://doi.org/x?a=1&amp;b=2">l</a> ' +
          '<tg-spoiler>s</tg-spoiler> <pre><code class="language-ts">c</code></pre>',
      ),
    ).toEqual([]);
  });

  it('reports unknown tags, bad nesting, unclosed tags and raw <, > and &', () => {
    expect(telegramHtmlProblems('<p>x</p>')).toEqual(['tag <p> is not allowed', 'tag <p> is not allowed']);
    expect(telegramHtmlProblems('<b><i>x</b></i>')).toEqual(['</b> closes <i>', '</i> closes <b>']);
    expect(telegramHtmlProblems('<b>x')).toEqual(['unclosed <b>']);
    expect(telegramHtmlProblems('a < b')).toEqual(['unescaped < at 2']);
    expect(telegramHtmlProblems('a > b')).toEqual(['unescaped > at 2']);
    expect(telegramHtmlProblems('R&D')).toEqual(['unescaped & at 1']);
    expect(telegramHtmlProblems('<a href="javascript:x">l</a>')).toEqual(['<a> without an http(s) or tg href']);
    expect(telegramHtmlProblems('<b onclick="x">y</b>')).toEqual(['<b> has attribute onclick']);
  });

  it('reports empty and over-long texts', () => {
    expect(isValidTelegramHtml('<b> </b>')).toBe(false);
    expect(isValidTelegramHtml('x'.repeat(4096))).toBe(true);
    expect(telegramHtmlProblems(`<b>${'x'.repeat(4097)}</b>`)).toEqual(['4097 visible characters (more than 4096)']);
  });
});
