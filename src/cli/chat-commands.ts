import { t } from '../answer/i18n.js';
import { renderAll } from '../answer/rich.js';
import { aboutView, COMMANDS, findingsView, sectionView, startView } from '../answer/views.js';
import { FINDING_IDS } from '../corpus/sections.js';
import { LANGS, type Lang } from '../corpus/types.js';
import type { ArticleService } from '../retrieval/types.js';
import { dialogueText } from '../dialogue/messages.js';

/** The chat's own commands: the bot's (`COMMANDS`, as README lists them) plus /quit. */
const HELP: Record<Lang, string> = {
  en: `Ask about the article in Kazakh, Russian or English; follow up ("and the fifth?", "why?"), say "more" or "in Russian".
Commands: /start (start over), /help, /about (the article), /sections [n] (contents; n: that section), /findings (the five findings), /lang [kk|ru|en] (interface language), /quit or Ctrl+D to leave.`,
  ru: `Спрашивайте о статье на казахском, русском или английском; уточняйте («а пятый?», «почему?»), пишите «ещё» или «на казахском».
Команды: /start (начать заново), /help, /about (о статье), /sections [n] (оглавление; n — этот раздел), /findings (пять выводов), /lang [kk|ru|en] (язык интерфейса), /quit или Ctrl+D — выход.`,
  kk: `Мақала туралы қазақ, орыс немесе ағылшын тілінде сұраңыз; нақтылаңыз («ал бесіншісі ше?», «неге?»), «тағы» не «орысша» деп жазыңыз.
Командалар: /start (басынан бастау), /help, /about (мақала туралы), /sections [n] (мазмұны; n — сол бөлім), /findings (бес тұжырым), /lang [kk|ru|en] (интерфейс тілі), /quit не Ctrl+D — шығу.`,
};

/** The chat's help text in a language. */
export const chatHelp = (ui: Lang): string => HELP[ui];

/** What a command does to the chat besides printing `text`. */
export interface CommandResult {
  text: string;
  /** /lang: the interface language chosen. */
  lang?: Lang;
  /** /start: the conversation is forgotten. */
  reset?: boolean;
  /** Questions `1`–`n` stand for next (the /start examples, the five findings). */
  offer?: string[];
  /** A question the conversation now follows up on, asked without showing its answer (/findings). */
  topic?: string;
}

/** "1"–"5" after /findings: that finding, in each language. */
const FINDING_QUESTIONS: Record<Lang, string[]> = {
  en: ['first', 'second', 'third', 'fourth', 'fifth'].map((n) => `What is the ${n} finding?`),
  ru: ['первый', 'второй', 'третий', 'четвёртый', 'пятый'].map((n) => `Какой ${n} вывод?`),
  kk: ['Бірінші', 'Екінші', 'Үшінші', 'Төртінші', 'Бесінші'].map((n) => `${n} тұжырым қандай?`),
};

/**
 * Runs one chat command (a line starting with `/`) in interface language `ui`: the bot's commands
 * with the bot's views as plain text (the same source line and "translated" markers), or
 * "no such command". Pure but for reading the article from `service`.
 */
export function chatCommand(service: ArticleService, line: string, ui: Lang): CommandResult {
  const [command, arg] = line.split(/\s+/);
  const m = t(ui);
  const name = command.slice(1) as (typeof COMMANDS)[number];
  if (!COMMANDS.includes(name)) return { text: m.unknownCommand };
  switch (name) {
    case 'start': {
      const examples = m.examples.map((q, i) => `${i + 1}. ${q}`).join('\n');
      return { text: `${renderAll(startView(ui), 'text')}\n${examples}`, reset: true, offer: [...m.examples] };
    }
    case 'help':
      return { text: HELP[ui] };
    case 'about':
      return { text: renderAll(aboutView(ui), 'text') };
    case 'findings': {
      const findings = FINDING_IDS.map((id) => ({ title: service.sectionTitle(id, ui), chunks: service.section(id, ui) }));
      return {
        text: renderAll(findingsView(findings, ui), 'text'),
        offer: FINDING_QUESTIONS[ui].slice(0, findings.length),
        topic: dialogueText(ui).suggestions[0],
      };
    }
    case 'sections':
      return { text: sections(service, arg, ui) };
    case 'lang':
      return LANGS.includes(arg as Lang)
        ? { text: t(arg as Lang).langSet, lang: arg as Lang }
        : { text: `${m.langChoose} ${LANGS.join(', ')} (/lang kk)` }; // none or an unknown one
  }
}

/** The numbered table of contents, or section `n` of it (with its source line) when `arg` is its number. */
function sections(service: ArticleService, arg: string | undefined, ui: Lang): string {
  const ids = service.sectionIds();
  const n = Number(arg);
  if (arg && Number.isInteger(n) && n >= 1 && n <= ids.length) {
    const id = ids[n - 1];
    return renderAll(sectionView(service.sectionTitle(id, ui), service.section(id, ui), ui), 'text');
  }
  const title = `${t(ui).sectionsTitle.replace(/ — .*$/, '')} (/sections 1–${ids.length})`;
  return `${title}\n${ids.map((id, i) => `${String(i + 1).padStart(2)}. § ${service.sectionTitle(id, ui)}`).join('\n')}`;
}
