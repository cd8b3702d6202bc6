import type { Chunk } from '../chunking/chunk.js';
import { LANGS, type Lang } from '../corpus/types.js';
import { ARTICLE } from './article.js';
import { sectionRef, sourceLine } from './format.js';
import { fill, NATIVE_LANG_NAME, t } from './i18n.js';
import { bold, cat, DEFAULT_PART_CHARS, italic, joinRich, link, packParts, plain, quote, renderAll, type Rich } from './rich.js';

/** The commands the bot offers, in menu order. */
export const COMMANDS = ['start', 'help', 'about', 'sections', 'findings', 'lang'] as const;

/*
 * Each view is built once as Rich units (`…View`) and rendered as Telegram HTML by the bot and as
 * plain text by the terminal chat, so both show the same content, source line and markers.
 */

/** /start: what the bot is, which article, how to ask; the example buttons go under it. */
export function startView(ui: Lang): Rich[] {
  const m = t(ui);
  return [
    joinRich([m.startIntro, cat(bold(ARTICLE.title[ui]), ` — ${ARTICLE.authors[ui].join(', ')} (${ARTICLE.year})`)], '\n'),
    plain(m.startHowTo),
    plain(m.startExamples),
  ];
}

/** `startView` as Telegram HTML. */
export const formatStartHtml = (ui: Lang): string => renderAll(startView(ui), 'html');

/** /help: how to ask, the buttons, inline mode, groups, and the command list. */
export function formatHelpHtml(ui: Lang, botUsername: string): string {
  const m = t(ui);
  return renderAll(
    [
      bold(m.helpTitle),
      plain(m.helpHowTo),
      plain(m.helpButtons),
      plain(fill(m.helpInline, { bot: botUsername })),
      plain(fill(m.helpGroups, { bot: botUsername })),
      joinRich(
        COMMANDS.map((c) => `/${c} — ${m.commands[c]}`),
        '\n',
      ),
    ],
    'html',
  );
}

/** /about: the title in the three languages, authors, DOI, licence and link. */
export function aboutView(ui: Lang): Rich[] {
  const m = t(ui);
  return [
    bold(m.aboutTitle),
    joinRich(
      LANGS.map((l) => cat(italic(`${NATIVE_LANG_NAME[l]}:`), ' ', bold(ARTICLE.title[l]))),
      '\n',
    ),
    joinRich(
      [
        `${m.authors}: ${ARTICLE.authors[ui].join(', ')} (${ARTICLE.year})`,
        cat('DOI: ', link(ARTICLE.url, ARTICLE.doi, ARTICLE.doi)),
        cat(`${m.licence}: `, link(ARTICLE.licenceUrl, ARTICLE.licence)),
        cat(`${m.link}: `, link(ARTICLE.url, ARTICLE.url)),
      ],
      '\n',
    ),
  ];
}

/** `aboutView` as Telegram HTML. */
export const formatAboutHtml = (ui: Lang): string => renderAll(aboutView(ui), 'html');

/** A whole section (its chunks in order) under its reference, marked when translated, then the source line. */
export function sectionView(title: string, chunks: Chunk[], ui: Lang): Rich[] {
  const heading = headingWithMarker(sectionRef(title), chunks.some((c) => !c.official) ? t(ui).translated : undefined);
  const body = chunks.length > 0 ? chunks.map((c) => plain(c.text)) : [italic(t(ui).sectionEmpty)];
  return [heading, ...body, sourceLine(ui)];
}

/** `sectionView` as Telegram HTML parts under the limit. */
export function formatSectionHtml(title: string, chunks: Chunk[], ui: Lang, maxChars = DEFAULT_PART_CHARS): string[] {
  return packParts(sectionView(title, chunks, ui), 'html', maxChars);
}

/** /findings: the numbered findings, each with its reference (marked when translated), then the source line. */
export function findingsView(findings: Array<{ title: string; chunks: Chunk[] }>, ui: Lang): Rich[] {
  const units = findings.map((f) =>
    joinRich(
      [
        headingWithMarker(sectionRef(f.title), f.chunks.some((c) => !c.official) ? t(ui).translated : undefined),
        plain(f.chunks.map((c) => c.text).join('\n')),
      ],
      '\n',
    ),
  );
  return [bold(t(ui).findingsTitle), ...units, sourceLine(ui)];
}

/** `findingsView` as Telegram HTML parts under the limit. */
export function formatFindingsHtml(findings: Array<{ title: string; chunks: Chunk[] }>, ui: Lang, maxChars = DEFAULT_PART_CHARS): string[] {
  return packParts(findingsView(findings, ui), 'html', maxChars);
}

/** "Original" button: the official Kazakh text a translated passage stands for. */
export function formatOriginalHtml(title: string, chunk: Chunk, ui: Lang, maxChars = DEFAULT_PART_CHARS): string[] {
  return packParts(
    [joinRich([headingWithMarker(sectionRef(title), t(ui).originalTitle), quote(chunk.sourceText)], '\n'), sourceLine(ui)],
    'html',
    maxChars,
  );
}

/** "Other languages" button: the same passage in each other language, with its reference in that language. */
export function formatVariantsHtml(variants: Array<{ title: string; chunk: Chunk }>, ui: Lang, maxChars = DEFAULT_PART_CHARS): string[] {
  const units = variants.map(({ title, chunk }) => {
    const note = `${t(ui).langName[chunk.lang]}${chunk.official ? '' : `, ${t(ui).translated}`}`;
    return joinRich([headingWithMarker(sectionRef(title), note), quote(chunk.text)], '\n');
  });
  return packParts([...units, sourceLine(ui)], 'html', maxChars);
}

function headingWithMarker(heading: string, marker?: string): Rich {
  return marker ? cat(bold(heading), ' · ', italic(marker)) : bold(heading);
}
