import type { Lang } from '../corpus/types.js';
import { fold, hasKazakhLetters, kazakhLatinToCyrillic } from '../text/fold.js';
import { isStopword } from '../text/stopwords.js';
import { readAspect } from './aspect.js';
import type { Followup } from './classify.js';
import { analyse, inList, ordinalOf, type Analysed } from './lexicon.js';
import { ASPECTS, ORDINAL_WORDS } from './words.js';

/** A question cut into its frame ("What does the article say about ", "?") and its topic ("personal data"). */
export interface Framed {
  prefix: string;
  topic: string;
  suffix: string;
  lang: Lang;
}

/**
 * A question the article words it as, in each language, around a topic as the reader typed it, in
 * whatever case: English and Kazakh ("туралы") take any form; Russian takes the reader's own
 * preposition (`via`: "а о Евросоюзе?" → "о Евросоюзе", "а про ЕС?" → "про ЕС"), else a colon that
 * asks for no case ("а интеллектуальная собственность?" → "про: интеллектуальная собственность").
 */
const TEMPLATES: Record<Lang, (topic: string, via?: string) => string> = {
  en: (x) => `What does the article say about ${x}?`,
  ru: (x, via) => `Что в статье говорится ${russianPreposition(x, via)}${x}?`,
  kk: (x) => `Мақалада ${x} туралы не айтылған?`,
};

/** "про "/"с " after those, "о"/"об " after a preposition that takes the prepositional case or before an abbreviation, else "про: ". */
function russianPreposition(topic: string, via?: string): string {
  const last = via?.trim().split(/\s+/).pop()?.toLowerCase();
  if (last === 'про' || last === 'с' || last === 'со') return `${last} `;
  const indeclinable = /^[\p{Lu}\d-]+$/u.test(topic); // "ЕС", "США": any case reads the same
  if (last === 'о' || last === 'об' || last === 'в' || last === 'во' || indeclinable) return /^[аиоуэ]/.test(topic) ? 'об ' : 'о ';
  return 'про: ';
}

/**
 * Splits a question into frame and topic: the topic runs from the first to the last word that is
 * not a function, question or saying word ("What does the article say about personal data?" →
 * "personal data"). A question with no such word is all topic.
 */
export function frame(question: string): Framed {
  const a = analyse(question);
  const isFrame = (i: number) => {
    const k = a.tokens[i].key;
    return isStopword(k) || inList(a.lex.interrogatives, k) || inList(a.lex.sayVerbs, k);
  };
  let first = 0;
  while (first < a.tokens.length && isFrame(first)) first++;
  let last = a.tokens.length - 1;
  while (last > first && isFrame(last)) last--;
  if (first >= a.tokens.length) return { prefix: '', topic: question.trim(), suffix: '', lang: a.lang };
  const start = a.tokens[first].start;
  const end = a.tokens[last].end;
  return { prefix: question.slice(0, start), topic: question.slice(start, end), suffix: question.slice(end), lang: a.lang };
}

/** The topic of a question, for the "↪ topic — aspect" line. */
export const topicOf = (question: string): string => frame(question).topic;

/**
 * Rewrites a follow-up into a standalone question from the previous turn's base question:
 * - `ordinal`: the base's ordinal replaced ("What is the first finding?" + "and the second?" →
 *   "What is the second finding?"), or asked of its topic when it has none ("Which law regulates AI?"
 *   + "and the fifth?" → "law regulates AI — the fifth one?");
 * - `substitute`: the new subject in the base's frame ("Что говорится о США?" + "а о Евросоюзе?" →
 *   "Что говорится о Евросоюзе?"), or in the reader's language's own frame when it differs;
 * - `aspect`: "topic — the follow-up" ("offences committed with AI — what kinds exactly?"), a wordy
 *   follow-up named by its aspects ("criminal liability" + "could you give me an example?" →
 *   "criminal liability — examples").
 * Returns the standalone question and whether it becomes the base of later follow-ups (an aspect does not).
 */
export function rewrite(base: string, f: Followup): { standalone: string; isBase: boolean } {
  if (f.kind === 'ordinal') return { standalone: replaceOrdinal(base, f.ordinal, f.focus, f.lang), isBase: true };
  const framed = frame(base);
  if (f.kind === 'substitute') {
    // a subject brought in by a preposition fits only a frame that asks what the article says ("What is X?" + "а в США?" ≠ "Что такое
    // США?")
    // the base's own frame only where any subject fits it: "what does it say about X", "what is X"
    // ("Какие риски создаёт ИИ?" + "а что про ЕС?" is not "Какие ЕС?")
    const sameLang =
      framed.lang === f.lang &&
      (framed.prefix.trim() || framed.suffix.replace(/[?.!\s]/g, '')) &&
      (asksWhatIsSaid(base) || (f.via === undefined && definesTopic(framed)));
    // Kazakh typed in Latin letters into a Cyrillic frame: one script for the search ("al Resei she?" → "Ресей")
    const focus = f.lang === 'kk' && LATIN.test(f.focus) && !(sameLang && LATIN.test(base)) ? cyrillicKeepingCase(f.focus) : f.focus;
    // "about the EU AI Act" → "about China", not "about the China"
    // "Что говорится о …" + "а интеллектуальная собственность?": the preposition is the reader's, else one that asks for no case
    const prefix =
      framed.lang === 'en'
        ? framed.prefix.replace(/\b(the|a|an)\s+$/i, '')
        : framed.lang === 'ru'
          ? framed.prefix.replace(/(^|\s)(о|об|про)\s+$/i, (_, sp: string) => `${sp}${russianPreposition(focus, f.via)}`)
          : framed.prefix;
    const standalone = sameLang ? `${prefix}${focus}${framed.suffix}` : TEMPLATES[f.lang](focus, f.via);
    return { standalone: tidy(standalone), isBase: true };
  }
  return { standalone: tidy(`${framed.topic} — ${aspectText(f.focus)}`), isBase: false };
}

/** A frame that defines its topic and nothing else: "What is …?", "Что такое …?", "Кто такой …?". */
function definesTopic(framed: Framed): boolean {
  return (
    /^\s*(what|who)\s+(is|are|was|were)\s+(the\s+|a\s+|an\s+)?$|^\s*(что|кто)\s+(такое|такой|такая|такие)\s+$/i.test(framed.prefix) &&
    /^[?.!\s]*$/.test(framed.suffix)
  );
}

/** Kazakh Latin → Cyrillic, a word's capital kept ("Resei" → "Ресей"): a name stays a name in the "↪" line. */
function cyrillicKeepingCase(text: string): string {
  return text.replace(/[\p{L}\p{M}'’-]+/gu, (w) => {
    const c = kazakhLatinToCyrillic(w);
    return /^\p{Lu}/u.test(w) ? c.charAt(0).toUpperCase() + c.slice(1) : c;
  });
}

/** True when a question asks what the article says about its topic ("Что говорится о …?", "… туралы не айтылған?"). */
function asksWhatIsSaid(question: string): boolean {
  const a = analyse(question);
  return a.tokens.some((t) => inList(a.lex.sayVerbs, t.key));
}

/** The follow-up as the "↪" line quotes it: as typed, or by its aspects when wordy ("examples"). */
function aspectText(focus: string): string {
  const asked = readAspect(focus);
  if (asked.wordy && asked.aspects.length > 0 && asked.stems.length === 0)
    return asked.aspects.map((id) => ASPECTS[id].label[asked.lang]).join(', ');
  return `${focus}${/[?!.]$/.test(focus) ? '' : '?'}`;
}

/** "the fifth one", "пятый" (as the reader wrote it), "бесіншісі": an ordinal standing for a noun. */
function ordinalAlone(n: number, said: string, readerLang: Lang): string {
  if (readerLang === 'en') return `the ${ORDINAL_WORDS.en[n - 1]} one`;
  if (readerLang === 'ru') return /[а-яё]/i.test(said) ? said.toLowerCase() : ORDINAL_WORDS.ru[n - 1];
  return `${ORDINAL_WORDS.kk[n - 1]}сі`;
}

/** Kazakh letters in a word the rewrite brings in only when the text it goes into has them ("бесінші" into "биринши тужырым кандай?" is "бесинши"). */
const sameLetters = (word: string, into: string): string => (hasKazakhLetters(into) || !hasKazakhLetters(word) ? word : fold(word));

/** Russian ordinals agree with their noun: the reader's own form ("а вторая?") is kept when the languages match. */
function replaceOrdinal(base: string, n: number, said: string, readerLang: Lang): string {
  const a: Analysed = analyse(base);
  const at = a.tokens.find((t) => ordinalOf(a.lex, t.key) > 0);
  const own = (a.lang === 'ru' && readerLang === 'ru') || (at !== undefined && LATIN.test(at.text) && LATIN.test(said));
  const word = own ? said.toLowerCase() : sameLetters(ORDINAL_WORDS[a.lang][n - 1], base);
  if (!at) return tidy(`${frame(base).topic.replace(/[?!.]+$/, '')} — ${sameLetters(ordinalAlone(n, said, readerLang), base)}?`);
  const cased = /^\p{Lu}/u.test(at.text) ? word[0].toUpperCase() + word.slice(1) : word;
  return `${base.slice(0, at.start)}${cased}${base.slice(at.end)}`;
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();
const LATIN = /[a-z]/i;
