import type { Lang } from '../corpus/types.js';
import { expandAbbreviations } from '../text/countries.js';
import { isStopword, namesArticle } from '../text/stopwords.js';
import { isIntroductionOnly, withoutIntroduction } from '../text/introduction.js';
import { analyse, inList, ordinalOf, phraseAt, type Analysed, type Lexicon, type Token, type WordList } from './lexicon.js';
import { LAUGHING_EMOJI, LAUGHTER } from './words.js';

/** What a chat message does with the conversation. */
export type Act = 'question' | 'followup' | 'more' | 'language' | 'smalltalk';
export type SmalltalkKind = 'greeting' | 'thanks' | 'bye' | 'about' | 'howAreYou' | 'chatter';

/** How a follow-up is rewritten: a new subject in the old frame, another ordinal, or an aspect of the old topic. */
export type FollowupKind = 'substitute' | 'ordinal' | 'aspect';

/** `via`: the words that introduce a substitute's subject ("в" in "а в США?"), when there are any. */
export type Followup = { act: 'followup'; lang: Lang; kind: FollowupKind; focus: string; ordinal: number; unknown: string[]; via?: string };

export type Classified =
  /** `followup`: how to read a question that points back ("who of them …?") when the article has no answer to it on its own. */
  | { act: 'question'; lang: Lang; text: string; followup?: Followup }
  | Followup
  | { act: 'more'; lang: Lang }
  | { act: 'language'; lang: Lang; target: Lang; original: boolean }
  | { act: 'smalltalk'; lang: Lang; kind: SmalltalkKind };

export interface ClassifyContext {
  /** Whether there is a previous turn to follow up on. */
  previous: boolean;
  /** Whether the article uses a word (any language, any form). */
  knows(word: string): boolean;
  /** Whether a word is one of the previous question's (such a word is not the message's own topic). */
  inTopic?(word: string): boolean;
  /** Whether the previous turn was answered (a follow-up builds only on an answer). Defaults to true. */
  answered?: boolean;
}

/** Russian prepositions that may close a connective ("а что про", "а как с") and set the case of the subject after them. */
const RU_PREPOSITIONS = new Set(['про', 'о', 'об', 'с', 'со', 'в', 'во', 'на']);

/** A message with at most this many words after its opening "and"/"ал" and no question word is elliptical ("and the USA?"). */
const MAX_ELLIPTICAL_WORDS = 5;
/** A back-reference ("it", "это") is a follow-up unless the message names this many topics the article knows. */
const OWN_TOPIC_WORDS = 2;

/**
 * Classifies a chat message into one act, using only whether a previous turn exists and which
 * words the article uses. Pure. Rules, in order:
 * small talk (the whole message is greetings, thanks, goodbyes or a question about the bot) →
 * "more" and "in Russian" (the whole message asks for that) → a question about the whole article
 * ("what is the article about?", "о чём эта статья?") → without a previous turn, a message with no
 * topic of its own ("why?") is a follow-up of nothing (the engine asks for a question first) → after a
 * refused turn, a message with a question word is a fresh question → with a previous turn, a follow-up
 * when the message is elliptical ("and the USA?", "ал Ресей ше?", "the fifth?"), points back
 * ("when was it adopted?") or names no topic of its own ("why?", "give me an example", "examples of
 * crimes?" after a question about crime) → else a
 * fresh question, so a message with its own words never inherits the previous topic (one that
 * points back carries its follow-up reading, for when the article has no answer to it alone).
 */
export function classify(typed: string, ctx: ClassifyContext): Classified {
  // "and the US?": the country, not the pronoun
  const text = expandAbbreviations(typed);
  const a = analyse(text);
  const { lang, lex } = a;
  const social = smalltalk(a) ?? (isIntroductionOnly(text) ? 'greeting' : undefined);
  if (social) return { act: 'smalltalk', lang, kind: social };
  const { rest, cue } = stripCues(a);
  if (rest.length === 0 && cue) return { act: 'more', lang };
  if (only(rest, [lex.more], [lex.fillers, lex.connectives])) return { act: 'more', lang };
  const languages = Object.values(lex.languages);
  if (only(rest, languages, [lex.fillers])) return language(a, rest);
  const has = (list: WordList) => rest.some((t) => inList(list, t.key));
  const ordinals = rest.map((t) => ordinalOf(lex, t.key)).filter((n) => n > 0);
  const content = rest.filter((t) => isContent(lex, t));
  const aspectWords = rest.filter((t) => inList(lex.aspects, t.key) && !inList(lex.interrogatives, t.key));
  // "эта статья", "this paper": a demonstrative of the article is no back-reference; nor "такое" of "что такое"
  const pointsBack = rest.some(
    (t, i) => inList(lex.anaphora, t.key) && !inList(lex.interrogatives, t.key) && !(rest[i + 1] && namesArticle(rest[i + 1].key)),
  );
  const anaphora = pointsBack && !(has(lex.sayVerbs) && content.length > 0);
  // "My name is Aida. What are the findings?": the question is what follows the introduction (follow-ups build on it)
  const question: Classified = { act: 'question', lang, text: withoutIntroduction(withoutGreeting(text, a)) };
  const aboutArticle = rest.some((t) => namesArticle(t.key)) && content.length === 0 && !anaphora && ordinals.length === 0;
  if (aboutArticle) return question;
  if (!ctx.previous) {
    const topicless = rest.length > 0 && content.length === 0 && ordinals.length === 0;
    return topicless ? { act: 'followup', lang, kind: 'aspect', focus: text.trim(), ordinal: 0, unknown: [] } : question;
  }
  if (ctx.answered === false && has(lex.interrogatives)) return question;

  const span = (ts: Token[]) => (ts.length ? text.slice(ts[0].start, ts[ts.length - 1].end) : '');
  // a word of the previous question was answered already: only new words can be ones the article never uses
  const unknown = content.filter((t) => !ctx.knows(t.text) && !ctx.inTopic?.(t.text)).map((t) => t.text);
  const followup = (kind: FollowupKind, focus: string): Classified => ({
    act: 'followup',
    lang,
    kind,
    focus,
    ordinal: ordinals[0] ?? 0,
    unknown,
  });

  if (ordinals.length > 0 && content.length === 0 && aspectWords.length === 0) {
    return followup('ordinal', rest.find((t) => ordinalOf(lex, t.key) > 0)!.text);
  }
  const elliptical = cue && rest.length <= MAX_ELLIPTICAL_WORDS && !has(lex.interrogatives) && !has(lex.anaphora);
  // "and the fifth finding?", "а пятый вывод?", "al besinshi qorytyndy she?": an ordinal with its own noun names its subject whole
  if (elliptical && content.length > 0 && ordinals.length > 0) return { act: 'question', lang, text: span(rest) };
  if (elliptical && content.length > 0) {
    const via = rest.slice(0, rest.indexOf(content[0]));
    // "а что про ЕС?": the preposition closing the connective still governs the subject's case
    const governs = a.tokens[a.tokens.indexOf(content[0]) - 1];
    if (via.length === 0 && lang === 'ru' && governs && RU_PREPOSITIONS.has(governs.key)) via.push(governs);
    return via.length > 0
      ? ({ ...followup('substitute', span(content)), via: span(via) } as Followup)
      : followup('substitute', span(content));
  }
  const known = content.filter((t) => ctx.knows(t.text)).length;
  if (anaphora && known < OWN_TOPIC_WORDS) return followup('aspect', span(rest));
  if (content.length === 0 && rest.length > 0) return followup('aspect', span(rest));
  // "examples of crimes?" after "AI and crime": an aspect of the same topic in its words, not a question of its own
  // (one with a question word, "when was the law adopted?", stays a fresh question)
  if (aspectWords.length > 0 && !has(lex.interrogatives) && ctx.inTopic && content.every((t) => ctx.inTopic!(t.text)))
    return followup('aspect', span(rest));
  return anaphora ? { ...question, followup: followup('aspect', span(rest)) as Followup } : question;
}

/** A word that names something: not a function, question, filler or dialogue word, not an ordinal. */
export function isContent(lex: Lexicon, t: Token): boolean {
  if (isStopword(t.key) || /^\d+$/.test(t.key)) return false;
  const lists = [lex.anaphora, lex.aspects, lex.interrogatives, lex.fillers, lex.more, lex.sayVerbs, lex.connectives, lex.closers];
  return !lists.some((l) => inList(l, t.key)) && ordinalOf(lex, t.key) === 0;
}

/**
 * The message without its opening courtesies ("ok", "thanks"), connectives ("and", "what about", "ал")
 * and closing particles ("ше"); `cue` tells whether a connective or particle was there.
 */
function stripCues(a: Analysed): { rest: Token[]; cue: boolean } {
  const { lex, tokens } = a;
  let start = 0;
  let cue = false;
  for (;;) {
    const n = phraseAt(lex.connectives, tokens, start);
    if (n > 0) {
      start += n;
      cue = true;
      continue;
    }
    if (start < tokens.length - 1 && isCourtesy(lex, tokens[start])) {
      start++;
      continue;
    }
    break;
  }
  let end = tokens.length;
  while (end > start && inList(lex.closers, tokens[end - 1].key)) {
    end--;
    cue = true;
  }
  return { rest: tokens.slice(start, end), cue };
}

/** True when every token is in one of `main` or `extra`, and at least one in `main`. */
function only(tokens: Token[], main: WordList[], extra: WordList[]): boolean {
  const inAny = (lists: WordList[], t: Token) => lists.some((l) => inList(l, t.key));
  return tokens.some((t) => inAny(main, t)) && tokens.every((t) => inAny(main, t) || inAny(extra, t));
}

function language(a: Analysed, rest: Token[]): Classified {
  const named = (['kk', 'ru', 'en'] as Lang[]).filter((l) => rest.some((t) => inList(a.lex.languages[l], t.key)));
  const original = rest.some((t) => inList(a.lex.languages.original, t.key));
  return { act: 'language', lang: a.lang, target: named[0] ?? 'kk', original: original && (named.length === 0 || named[0] === 'kk') };
}

const KIND_ORDER: SmalltalkKind[] = ['about', 'howAreYou', 'bye', 'thanks', 'greeting', 'chatter'];

/** True for laughter ("ahaha", "хахах", "lol"): letters typed twice or more count once. */
export const isLaughter = (word: string): boolean => {
  const once = word.toLowerCase().replace(/(.)\1+/gu, '$1');
  return once.length >= 3 && LAUGHTER.test(once);
};

/** A word that may open a message without being part of it: a greeting, thanks, "ok", chatter. */
function isCourtesy(lex: Lexicon, t: Token): boolean {
  const { greeting, thanks, chatter } = lex.social;
  return inList(greeting, t.key) || inList(thanks, t.key) || inList(chatter, t.key) || isLaughter(t.text);
}

/** The kind of small talk when the whole message is small talk, else undefined. */
function smalltalk(a: Analysed): SmalltalkKind | undefined {
  const { tokens, lex } = a;
  // emoji or punctuation only: laughter is chatter, anything else the "no words" notice
  if (tokens.length === 0) return LAUGHING_EMOJI.test(a.text.trim()) && /\p{Extended_Pictographic}/u.test(a.text) ? 'chatter' : undefined;
  if (isLaughter(tokens.map((t) => t.text).join(''))) return 'chatter'; // "ха-ха", "ha ha ha"
  const kinds = new Set<SmalltalkKind>();
  for (let i = 0; i < tokens.length; ) {
    const phrase = (['about', 'howAreYou'] as const)
      .map((k) => [k, phraseAt(lex.socialPhrases[k], tokens, i)] as const)
      .find(([, n]) => n > 0);
    if (phrase) {
      kinds.add(phrase[0]);
      i += phrase[1];
      continue;
    }
    const word =
      (['greeting', 'thanks', 'bye', 'chatter'] as const).find((k) => inList(lex.social[k], tokens[i].key)) ??
      (isLaughter(tokens[i].text) ? 'chatter' : undefined);
    if (!word) return undefined;
    kinds.add(word);
    i++;
  }
  return KIND_ORDER.find((k) => kinds.has(k));
}

/** "Hi, what are the findings?" → "what are the findings?" (the greeting is not part of the question). */
/** First-person pronouns, folded: never courtesy words at the start of a message. */
const FIRST_PERSON = new Set(['i', 'я', 'мен']);

function withoutGreeting(text: string, a: Analysed): string {
  let i = 0;
  // "I" starts a sentence ("I'm a student at …"), though "i see" lists it among the thanks
  while (i < a.tokens.length && isCourtesy(a.lex, a.tokens[i]) && !FIRST_PERSON.has(a.tokens[i].key)) i++;
  if (i === 0 || i === a.tokens.length) return text;
  return text.slice(a.tokens[i].start).trim();
}
