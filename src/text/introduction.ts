/**
 * Openings in which readers introduce themselves ("My name is Aigerim.", "I study at Narxoz,",
 * "Меня зовут Айгерим,", "Мен ҚазҰУ-да оқимын."), lower case, after an optional greeting. Their names
 * and places are not what is asked: a name the article never uses would otherwise make it refuse.
 */
const GREETING = String.raw`(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|привет|здравствуйте|добрый (?:день|вечер)|с[әа]лем(?:етсіз бе|етсиз бе)?|ассалаумағалейкум)[\s,!.]*)?`;
const CONNECTIVE = String.raw`(?:(?:and|и|а|және|жане)\s+)?`;
const OPENINGS = [
  `my name is|(?:i am|i'm|im) an?|i study|i work|i teach|i'm writing|i am writing`,
  `меня зовут|я (?:студент|студентка|учусь|работаю|преподаю|преподаватель|юрист|аспирант|магистрант|пишу)`,
  String.raw`мен[іи]ң (?:атым|есімім|ес[іи]м[іи]м)|мен\s[^,.!?…]*?(?:о[қк]имын|студентп[іи]н|ж[ұу]мыс [іи]стеймін|ж[ұу]мыс истеймин|за[ңн]гермін|за[ңн]гермин|жазып жатырмын)`,
];
const INTRO = new RegExp(String.raw`^\s*${GREETING}${CONNECTIVE}(?:${OPENINGS.join('|')})(?=[\s,.!?…]|$)`, 'iu');
/** Where a clause ends: a comma, or a sentence end. */
const CLAUSE_END = /[,.!?…\n]/u;

/**
 * The question without the clauses before it in which the reader introduces themselves; the text
 * unchanged when it does not open with one, or when nothing would be left.
 * ```ts
 * withoutIntroduction('My name is Aigerim. What are the findings?') // → 'What are the findings?'
 * ```
 */
export function withoutIntroduction(text: string): string {
  let rest = text;
  for (let i = 0; i < 5 && INTRO.test(rest.toLowerCase()); i++) {
    const end = rest.search(CLAUSE_END);
    if (end < 0) return text;
    rest = rest.slice(end + 1).replace(/^[\s,.!?…]+/u, '');
  }
  return /[\p{L}\p{N}]/u.test(rest) ? rest : text;
}
