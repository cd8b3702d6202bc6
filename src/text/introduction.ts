/**
 * Openings in which readers introduce themselves ("My name is Aigerim.", "I'm Aida,", "I study at
 * Narxoz,", "Меня зовут Айгерим,", "я Аида,", "Мен ҚазҰУ-да оқимын.", "мен мемлекеттік қызметшімін"),
 * after an optional greeting. Their names and places are not what is asked: a name the article
 * never uses would otherwise make it refuse.
 */
const GREETING = String.raw`^\s*(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|привет|здравствуйте|добрый (?:день|вечер)|с[әа]лем(?:етс[іи]з бе)?|ассалаумағалейкум)[\s,!.]*)?`;
const CONNECTIVE = String.raw`(?:(?:and|и|а|және|жане)\s+)?`;
/** Openings recognised in lower case. */
const OPENINGS = [
  `my name is|(?:i am|i'm|im) an?|i study|i work|i teach|i'm writing|i am writing|menya zovut|men[iy]n? atym`,
  `меня зовут|я (?:студент|студентка|учусь|работаю|преподаю|преподаватель|юрист|аспирант|магистрант|пишу)`,
  // Kazakh: "мен …" ending in a first-person verb or copula (-мын/-мін, -пын/-пін, -бын/-бін)
  String.raw`мен[іи][ңн] (?:атым|есімім|ес[іи]м[іи]м)|мен\s[^,.!?…]*?(?:мын|мін|мин|пын|пін|пин|бын|бін|бин)`,
];
const INTRO = new RegExp(`${GREETING}${CONNECTIVE}(?:${OPENINGS.join('|')})(?=[\\s,.!?…]|$)`, 'iu');
/** "I'm Aida", "я Аида", "Мен Аида": a first-person pronoun and a capitalised name (case-sensitive). */
const NAMED = /^(?:[Ii] am|[Ii]'m|[Ii]m|[Яя]|[Мм]ен)\s+\p{Lu}\p{Ll}+/u;
const GREETING_ONLY = new RegExp(GREETING, 'iu');
/** Where a sentence ends, and where a clause does. */
const SENTENCE_END = /[.!?…\n]/u;
const CLAUSE_END = /[,.!?…\n]/u;

/** Whether `text` opens (after a greeting) with a self-introduction. */
function opensWithIntroduction(text: string): boolean {
  if (INTRO.test(text.toLowerCase())) return true;
  const greeting = GREETING_ONLY.exec(text)?.[0].length ?? 0;
  return NAMED.test(text.slice(greeting));
}

/** Whether `text` is only a self-introduction ("Hi, I'm Aida", "Менің атым Айгерім"): nothing is asked. */
export function isIntroductionOnly(text: string): boolean {
  return opensWithIntroduction(text) && withoutIntroduction(text) === text;
}

/**
 * The question without the sentences (or, when the question shares their sentence, the clauses)
 * before it in which the reader introduces themselves; the text unchanged when it does not open
 * with one, or when nothing would be left.
 * ```ts
 * withoutIntroduction('My name is Aigerim. What are the findings?') // → 'What are the findings?'
 * ```
 */
export function withoutIntroduction(text: string): string {
  let rest = text;
  for (let i = 0; i < 5 && opensWithIntroduction(rest); i++) {
    // the whole introductory sentence when another one follows, else its first clause
    const sentence = rest.search(SENTENCE_END);
    const after = sentence < 0 ? '' : rest.slice(sentence + 1);
    const end = /[\p{L}\p{N}]/u.test(after) ? sentence : rest.search(CLAUSE_END);
    if (end < 0) return text;
    rest = rest.slice(end + 1).replace(/^[\s,.!?…]+/u, '');
  }
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
}
