import type { Lang } from '../corpus/types.js';
import { fold, words } from './fold.js';
import { isStopword } from './stopwords.js';

/** Question words the asked-for thing follows ("какие штрафы", "which law", "қандай заң"), folded. */
const ASKS_BEFORE: Record<Lang, Set<string>> = {
  ru: new Set(
    fold('какой какая какое какие каких каким какими каков какова каково каковы сколько чей чья чье чьи кто кого кому').split(' '),
  ),
  en: new Set(['what', 'which', 'who', 'whom', 'whose']),
  kk: new Set(fold('қандай қай қанша').split(' ')),
};
/** Kazakh question words that end a question after the asked-for thing ("айыппұл қанша?", "авторлары кім?"), folded. */
const ASKS_AFTER = new Set(fold('қанша қандай кім кімдер').split(' '));
/** English words between "how" and the asked-for thing: "how much is the fine", "how many users". */
const HOW = new Set(['much', 'many']);
/** English words that may stand between the question word and the asked-for thing ("what is the …", "what kind of …"). */
const EN_BETWEEN = new Set('is are was were the a an kind kinds type types sort sorts of much many about any'.split(' '));
/** Words after which the rest names the asked-for thing wherever they stand ("… say about deepfakes", "mention UNESCO"), folded. */
const ABOUT: Record<Lang, Set<string>> = {
  en: new Set(['about', 'mention', 'mentions', 'mentioned', 'regarding', 'concerning']),
  ru: new Set(fold('про насчёт насчет упоминается упоминаются упоминает упомянут упомянуты').split(' ')),
  kk: new Set(),
};
/** Kazakh words after which the word before them is the asked-for thing ("дипфейк туралы не айтылған?"), folded. */
const KK_ABOUT = new Set(fold('туралы жайлы жайында').split(' '));

/**
 * The word a question asks about, folded: the content word right after its question word
 * ("Какие штрафы предусматривает AI Act?" → штрафы; "what is the fine …" → fine; "how many users
 * …" → users), or in Kazakh the word before a question word that ends it ("айыппұл қанша?" →
 * айыппул); first of all, the word after "about", "mention", "про", "упоминается" or before "туралы"
 * ("what does it say about deepfakes?" → deepfakes). Undefined when the question has none (a
 * keyword query, "tell me more", "what they think").
 */
export function focusWord(text: string, lang: Lang): string | undefined {
  const ws = words(text);
  const content = (w: string) => w.length > 1 && !isStopword(w) && !ASKS_BEFORE[lang].has(w);
  if (lang === 'kk' && ws.length >= 2 && ASKS_AFTER.has(ws[ws.length - 1])) {
    const before = ws[ws.length - 2];
    return content(before) ? before : undefined;
  }
  const about = ws.findIndex((w, i) => ABOUT[lang].has(w) || (KK_ABOUT.has(w) && i > 0 && content(ws[i - 1])));
  if (about >= 0) {
    if (KK_ABOUT.has(ws[about])) return ws[about - 1];
    const next = ws.slice(about + 1).find((w) => !EN_BETWEEN.has(w) && w !== 'ли');
    if (next !== undefined && content(next)) return next;
  }
  for (let i = 0; i < ws.length; i++) {
    const asks = ASKS_BEFORE[lang].has(ws[i]) || (lang === 'en' && ws[i] === 'how' && HOW.has(ws[i + 1] ?? ''));
    if (!asks) continue;
    let j = i + 1;
    if (lang === 'en') while (j < ws.length && EN_BETWEEN.has(ws[j])) j++;
    // right after the question word (else it asks about a clause: "what they think", "что говорится о …")
    return j < ws.length && content(ws[j]) ? ws[j] : undefined;
  }
  return undefined;
}
