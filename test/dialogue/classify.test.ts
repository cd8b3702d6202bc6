import { describe, expect, it } from 'vitest';
import { classify, type Classified } from '../../src/dialogue/classify.js';

/** The article's words for these tests: a small stand-in for the real vocabulary. */
const ARTICLE_WORDS =
  /^(authors?|авторы|авторлары|law|заң|закон|personal|data|дербес|деректер|finding|вывод|тұжырым|fraud|алаяқтық|risk|approach|usa|сша|евросоюз\w*|eu)$/i;
const ctx = (previous = true) => ({ previous, knows: (w: string) => ARTICLE_WORDS.test(w) });
const act = (text: string, previous = true) => summary(classify(text, ctx(previous)));

function summary(c: Classified): string {
  switch (c.act) {
    case 'followup':
      return `followup:${c.kind}:${c.lang}:${c.kind === 'ordinal' ? c.ordinal : c.focus}`;
    case 'language':
      return `language:${c.lang}→${c.target}${c.original ? ':original' : ''}`;
    case 'smalltalk':
      return `smalltalk:${c.kind}:${c.lang}`;
    default:
      return `${c.act}:${c.lang}`;
  }
}

describe('classify', () => {
  it('reads chatter after an answer (laughter, "wow", "kk", laughing emoji) as small talk, and keeps one-word follow-ups', () => {
    const chatter = ['lol', 'haha', 'Hahahaha!', 'lmaooo', 'kk', 'wow', '😂', '🤣🤣!', 'ахах', 'хаха', 'Хааахах', 'ха-ха', 'ого', 'қызық'];
    expect(chatter.map((m) => act(m))).toEqual([
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:en',
      'smalltalk:chatter:ru',
      'smalltalk:chatter:ru',
      'smalltalk:chatter:ru',
      'smalltalk:chatter:ru',
      'smalltalk:chatter:ru',
      'smalltalk:chatter:kk',
    ]);
    expect(['ясно', 'түсінікті', 'ok'].map((m) => act(m))).toEqual(['smalltalk:thanks:ru', 'smalltalk:thanks:kk', 'smalltalk:thanks:en']);
    // a grin without tears is no word at all: the engine's "no words" notice, not small talk
    expect(['😀😀', '???', 'ha'].map((m) => act(m))).toEqual(['question:en', 'question:en', 'question:en']);
    expect(['why?', 'неге?', 'more', 'тағы', 'example', 'ахах, а почему?', 'lol and what about the EU?'].map((m) => act(m))).toEqual([
      'followup:aspect:en:why',
      'followup:aspect:kk:неге',
      'more:en',
      'more:kk',
      'followup:aspect:en:example',
      'followup:aspect:ru:почему',
      'followup:substitute:en:EU',
    ]);
  });

  it('reads small talk in each language, Kazakh also without Kazakh letters and in Latin letters, with or without a previous turn', () => {
    expect(
      ['thank you', 'Hi!', 'hello bot', 'ok thanks', 'who are you?', 'what can you do?', 'how are you', 'bye'].map((m) => act(m, false)),
    ).toEqual([
      'smalltalk:thanks:en',
      'smalltalk:greeting:en',
      'smalltalk:greeting:en',
      'smalltalk:thanks:en',
      'smalltalk:about:en',
      'smalltalk:about:en',
      'smalltalk:howAreYou:en',
      'smalltalk:bye:en',
    ]);
    expect(['Спасибо!', 'Привет', 'спасибо большое', 'кто ты?', 'как дела?', 'пока'].map((m) => act(m))).toEqual([
      'smalltalk:thanks:ru',
      'smalltalk:greeting:ru',
      'smalltalk:thanks:ru',
      'smalltalk:about:ru',
      'smalltalk:howAreYou:ru',
      'smalltalk:bye:ru',
    ]);
    expect(
      ['Рахмет', 'рахмет', 'Сәлем', 'салем', 'Salem!', 'rahmet', 'көп рахмет', 'сен кімсің?', 'қалайсыз?', 'сау бол'].map((m) => act(m)),
    ).toEqual([
      'smalltalk:thanks:kk',
      'smalltalk:thanks:kk',
      'smalltalk:greeting:kk',
      'smalltalk:greeting:kk',
      'smalltalk:greeting:kk',
      'smalltalk:thanks:kk',
      'smalltalk:thanks:kk',
      'smalltalk:about:kk',
      'smalltalk:howAreYou:kk',
      'smalltalk:bye:kk',
    ]);
  });

  it('reads "more" and language requests as whole messages', () => {
    expect(
      [
        'more',
        'tell me more',
        'go on',
        'and?',
        'what else?',
        'ещё',
        'еще',
        'подробнее',
        'дальше',
        'а дальше?',
        'толығырақ',
        'тағы',
        'тагы',
        'tagy',
        'жалғастыр',
        'jalgastyr',
      ].map((m) => act(m)),
    ).toEqual([
      'more:en',
      'more:en',
      'more:en',
      'more:en',
      'more:en',
      'more:ru',
      'more:ru',
      'more:ru',
      'more:ru',
      'more:ru',
      'more:kk',
      'more:kk',
      'more:kk',
      'more:kk',
      'more:kk',
      'more:kk',
    ]);
    expect(
      [
        'in Russian',
        'explain that in Russian please',
        'in English please',
        'по-русски',
        'а на казахском?',
        'покажи оригинал на казахском',
        'оригинал',
        'қазақша',
        'ағылшынша',
        'орысша айтшы',
        'агылшынша',
        'qazaqsha',
        'түпнұсқа',
      ].map((m) => act(m)),
    ).toEqual([
      'language:en→ru',
      'language:en→ru',
      'language:en→en',
      'language:ru→ru',
      'language:ru→kk',
      'language:ru→kk:original',
      'language:ru→kk:original',
      'language:kk→kk',
      'language:kk→en',
      'language:kk→ru',
      'language:kk→en',
      'language:kk→kk',
      'language:kk→kk:original',
    ]);
  });

  it('rewrites elliptical messages and ordinals as follow-ups, in each language', () => {
    expect(
      [
        'and the USA?',
        'what about Russia?',
        'and the fifth?',
        'the second one?',
        'а о Евросоюзе?',
        'а пятый?',
        'ал Ресей ше?',
        'ал екіншісі ше?',
        'ал бесиншиси ше?',
        'al Resei she?',
      ].map((m) => act(m)),
    ).toEqual([
      'followup:substitute:en:USA',
      'followup:substitute:en:Russia',
      'followup:ordinal:en:5',
      'followup:ordinal:en:2',
      'followup:substitute:ru:Евросоюзе',
      'followup:ordinal:ru:5',
      'followup:substitute:kk:Ресей',
      'followup:ordinal:kk:2',
      'followup:ordinal:kk:5',
      'followup:substitute:kk:Resei',
    ]);
  });

  it('reads back-references and topicless questions as follow-ups about the previous topic', () => {
    expect(
      [
        'why?',
        'give me an example',
        'what kinds exactly?',
        'when was it adopted?',
        'where does the first one work?',
        'а на что это влияет?',
        'почему?',
        'мысал келтірші',
        'неге?',
        'mysal keltirshi',
      ].map((m) => act(m)),
    ).toEqual([
      'followup:aspect:en:why',
      'followup:aspect:en:give me an example',
      'followup:aspect:en:what kinds exactly',
      'followup:aspect:en:when was it adopted',
      'followup:aspect:en:where does the first one work',
      'followup:aspect:ru:на что это влияет',
      'followup:aspect:ru:почему',
      'followup:aspect:kk:мысал келтірші',
      'followup:aspect:kk:неге',
      'followup:aspect:kk:mysal keltirshi',
    ]);
  });

  it('keeps a message with content words of its own a fresh question, so the previous topic does not leak into it', () => {
    expect(
      [
        'Who are the authors?',
        'Кто авторы?',
        'Мақаланың авторлары кім?',
        'and who are the authors?',
        'What does it say about personal data?',
        'Is there a law that regulates the risk approach?',
        'Who won the World Cup?',
      ].map((m) => act(m)),
    ).toEqual(['question:en', 'question:ru', 'question:kk', 'question:en', 'question:en', 'question:en', 'question:en']);
  });

  it('leaves a self-introduction out of the question (follow-ups build on what it asks), and answers one alone as a greeting', () => {
    const question = (m: string) => {
      const c = classify(m, ctx(false));
      return c.act === 'question' ? c.text : c.act;
    };
    expect(['I am a student at KazNU. What are the findings?', 'Меня зовут Аида, какие выводы?'].map(question)).toEqual([
      'What are the findings?',
      'какие выводы?',
    ]);
    expect(["Hi, I'm Aida", 'Сәлем, менің атым Айгерім'].map((m) => summary(classify(m, ctx(false))))).toEqual([
      act('hello', false),
      act('Сәлем', false),
    ]);
  });

  it('reads an ordinal with its own noun as a fresh question without the connective, in each language', () => {
    const text = (m: string) => {
      const c = classify(m, ctx());
      return c.act === 'question' ? c.text : summary(c);
    };
    expect(['and the fifth finding?', 'а пятый вывод?', 'ал бесінші тұжырым ше?', 'and the fifth?'].map(text)).toEqual([
      'the fifth finding',
      'пятый вывод',
      'бесінші тұжырым',
      'followup:ordinal:en:5',
    ]);
  });

  it('reads "US" in capitals as the USA in an elliptical follow-up, the pronoun "us" not', () => {
    expect(['what about the US?', 'а в US?', 'tell us more'].map((m) => act(m))).toEqual([
      'followup:substitute:en:USA',
      'followup:substitute:ru:USA',
      'more:en',
    ]);
  });

  it('keeps a question word with a content word of its own a fresh question ("что такое" is no back-reference)', () => {
    expect(['что такое ИИ вообще', 'what is AI anyway', 'жасанды интеллект деген не өзі'].map((m) => act(m))).toEqual([
      'question:ru',
      'question:en',
      'question:kk',
    ]);
  });

  it(
    'reads a question about the whole article as a fresh question, "эта статья" / "this article" / "бұл мақала" pointing at the ' +
      'article',
    () => {
      const asked = [
        'what is the article about',
        "what's this article about?",
        'о чём эта статья',
        'о чем статья?',
        'мақала не туралы?',
        'бұл мақала не туралы',
        'makala ne turaly',
      ];
      expect(asked.map((m) => act(m))).toEqual([
        'question:en',
        'question:en',
        'question:ru',
        'question:ru',
        'question:kk',
        'question:kk',
        'question:kk',
      ]);
      expect(asked.map((m) => act(m, false))).toEqual([
        'question:en',
        'question:en',
        'question:ru',
        'question:ru',
        'question:kk',
        'question:kk',
        'question:kk',
      ]);
    },
  );

  it('reads a first message with no topic of its own as a follow-up of nothing, in each language', () => {
    expect(['why?', 'почему?', 'неге?', 'what about it?'].map((m) => act(m, false))).toEqual([
      'followup:aspect:en:why?',
      'followup:aspect:ru:почему?',
      'followup:aspect:kk:неге?',
      'followup:aspect:en:what about it?',
    ]);
  });

  it('after a refused turn, reads a message with a question word as a fresh question; one without stays a follow-up', () => {
    const refused = (m: string) => summary(classify(m, { ...ctx(), answered: false }));
    expect(['why?', 'почему?', 'неге?', 'и как это регулируется?', 'and the USA?'].map(refused)).toEqual([
      'question:en',
      'question:ru',
      'question:kk',
      'question:ru',
      'followup:substitute:en:USA',
    ]);
    expect(['why?', 'почему?', 'неге?'].map((m) => act(m))).toEqual([
      'followup:aspect:en:why',
      'followup:aspect:ru:почему',
      'followup:aspect:kk:неге',
    ]);
  });

  it('drops a greeting before a question and keeps the question text', () => {
    expect(classify('Hi! What are the findings?', ctx(false))).toEqual({ act: 'question', lang: 'en', text: 'What are the findings?' });
    expect(classify('Сәлем, заң қашан қабылданды?', ctx(true))).toEqual({ act: 'question', lang: 'kk', text: 'заң қашан қабылданды?' });
  });

  it('reads an aspect of the previous topic in its own words as a follow-up, Kazakh Latin i also as й', () => {
    const inTopic = (w: string) => /^crimes?$/i.test(w);
    expect(classify('examples of crimes?', { ...ctx(), inTopic })).toMatchObject({
      act: 'followup',
      kind: 'aspect',
      focus: 'examples of crimes',
      unknown: [],
    });
    // its own topic, or a question word of its own: a fresh question
    expect(classify('examples of fraud?', { ...ctx(), inTopic })).toMatchObject({ act: 'question' });
    expect(classify('what kinds of crimes?', { ...ctx(), inTopic })).toMatchObject({ act: 'question' });
    expect(
      ['неге қажет?', 'почему это важно?', 'al ushinshisi qaida jumys isteidi?', 'а к чему это может привести?'].map((m) => act(m)),
    ).toEqual([
      'followup:aspect:kk:неге қажет',
      'followup:aspect:ru:почему это важно',
      'followup:aspect:kk:ushinshisi qaida jumys isteidi',
      'followup:aspect:ru:к чему это может привести',
    ]);
  });

  it('gives a question that points back its follow-up reading, for when the article does not answer it alone', () => {
    expect(classify('which of them is the corresponding author?', { previous: true, knows: () => true })).toEqual({
      act: 'question',
      lang: 'en',
      text: 'which of them is the corresponding author?',
      followup: {
        act: 'followup',
        lang: 'en',
        kind: 'aspect',
        focus: 'which of them is the corresponding author',
        ordinal: 0,
        unknown: [],
      },
    });
  });

  it('lists the words a back-reference names that the article never uses', () => {
    expect(classify('does it apply in China?', ctx())).toMatchObject({ act: 'followup', kind: 'aspect', unknown: ['China'] });
  });
});
