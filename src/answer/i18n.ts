import type { Lang } from '../corpus/types.js';

/**
 * Every interface string of the bot and of the reply formatter, in Kazakh, Russian and English.
 * Strings are plain text (the formatter escapes them); `{name}` marks a placeholder filled by `fill`.
 * A typed object rather than @grammyjs/i18n's Fluent files: a key missing in one language is a
 * compile error, and the CLI and the formatter use the same strings outside grammY.
 */
export interface Messages {
  /** Names of the three languages in this language. */
  langName: Record<Lang, string>;
  translated: string;
  alsoIn: string;
  /** Heading of the references a reply cites. */
  cited: string;
  source: string;
  noAnswer: string;
  noAnswerHint: string;
  /** Above passages found for a word the article never uses: {w} the word. */
  unnamed: string;
  startIntro: string;
  startHowTo: string;
  startExamples: string;
  /** Three example questions (the /start buttons). */
  examples: [string, string, string];
  helpTitle: string;
  helpHowTo: string;
  helpButtons: string;
  helpInline: string;
  helpGroups: string;
  /** Command descriptions for setMyCommands and /help. */
  commands: Record<'start' | 'help' | 'about' | 'sections' | 'findings' | 'lang', string>;
  aboutTitle: string;
  authors: string;
  licence: string;
  link: string;
  sectionsTitle: string;
  sectionEmpty: string;
  findingsTitle: string;
  langChoose: string;
  langSet: string;
  /** The /lang choice could not be stored (the state store is away): nothing was changed. */
  langNotSaved: string;
  more: string;
  original: string;
  otherLangs: string;
  originalTitle: string;
  rateLimited: string;
  stale: string;
  error: string;
  badQuestion: string;
  unhandled: string;
  unknownCommand: string;
  inlineHint: string;
  inlineNothing: string;
}

const kk: Messages = {
  langName: { kk: 'қазақ тілі', ru: 'орыс тілі', en: 'ағылшын тілі' },
  translated: 'қазақ тілінен аударылған',
  alsoIn: 'Сондай-ақ',
  cited: 'Әдебиеттер',
  source: 'Дереккөз',
  noAnswer: 'Мақалада бұл сұрақ туралы айтылмайды: «{q}»',
  noAnswerHint: 'Мазмұнын /sections, ал негізгі бес тұжырымын /findings арқылы қараңыз.',
  unnamed: 'Мақалада «{w}» деген сөз жоқ. Мағынасы ең жақын үзінділер:',
  startIntro: 'Мен бір ғылыми мақала бойынша сұрақтарға жауап беремін:',
  startHowTo:
    'Сұрағыңызды қазақ, орыс немесе ағылшын тілінде жазыңыз — мақаланың тиісті үзінділерін бөлім сілтемелерімен және дереккөздерімен ' +
    'жіберемін.',
  startExamples: 'Мысалы, мына сұрақтардың бірін басыңыз:',
  examples: [
    'Мақаланың негізгі тұжырымдары қандай?',
    'Қазақстанда жасанды интеллектті қандай заң реттейді?',
    'Тәуекелге негізделген тәсіл дегеніміз не?',
  ],
  helpTitle: 'Қалай сұрау керек',
  helpHowTo:
    'Мақала туралы сұрақты кәдімгі хабарлама етіп жазыңыз. Жауапта мақаланың үзінділері, бөлім сілтемесі және әдебиеттер тізіміндегі ' +
    'дереккөздер болады.',
  helpButtons:
    'Жауап астындағы батырмалар: «Тағы» — келесі үзінділер, «Түпнұсқа» — аударманың қазақша түпнұсқасы, «Басқа тілдер» — сол үзінді ' +
    'басқа тілдерде.',
  helpInline: 'Кез келген чатта @{bot} деп жазып, сұрақ қойсаңыз, үзіндіні бөлісе аласыз.',
  helpGroups: 'Топта мені атаңыз (@{bot}) немесе менің хабарламама жауап беріңіз.',
  commands: {
    start: 'Бот туралы және сұрақ мысалдары',
    help: 'Қалай сұрау керек',
    about: 'Мақала туралы: авторлар, DOI, лицензия',
    sections: 'Мақаланың мазмұны',
    findings: 'Мақаланың бес тұжырымы',
    lang: 'Интерфейс тілін таңдау',
  },
  aboutTitle: 'Мақала туралы',
  authors: 'Авторлар',
  licence: 'Лицензия',
  link: 'Сілтеме',
  sectionsTitle: 'Мақаланың мазмұны — бөлімді таңдаңыз:',
  sectionEmpty: 'Бұл бөлімнің мәтіні жоқ.',
  findingsTitle: 'Мақаланың бес тұжырымы',
  langChoose: 'Интерфейс тілін таңдаңыз:',
  langSet: 'Интерфейс тілі: қазақ тілі.',
  langNotSaved: 'Таңдауды қазір сақтау мүмкін болмады. Бір минуттан кейін қайталап көріңіз.',
  more: 'Тағы',
  original: 'Түпнұсқа',
  otherLangs: 'Басқа тілдер',
  originalTitle: 'Түпнұсқа мәтін (қазақ тілі)',
  rateLimited: 'Сұрақтар тым жиі келіп жатыр: {s} секундтан кейін қайталап көріңіз.',
  stale: 'Бұл батырма ескірген. Сұрағыңызды қайта жіберіңіз.',
  error: 'Кешіріңіз, қате шықты. Сәлден соң қайталап көріңіз.',
  badQuestion: 'Мақала туралы сұрақты мәтінмен жазыңыз ({max} таңбаға дейін).',
  unhandled: 'Мен тек мәтіндік сұрақтарға жауап беремін. Көмек: /help',
  unknownCommand: 'Мұндай команда жоқ. Көмек: /help',
  inlineHint: 'Мақала туралы сұрақ жазыңыз',
  inlineNothing: 'Мақалада бұл туралы айтылмайды',
};

const ru: Messages = {
  langName: { kk: 'казахский', ru: 'русский', en: 'английский' },
  translated: 'перевод с казахского',
  alsoIn: 'Также в разделе',
  cited: 'Литература',
  source: 'Источник',
  noAnswer: 'В статье об этом не говорится: «{q}»',
  noAnswerHint: 'Посмотрите оглавление — /sections, или пять основных выводов — /findings.',
  unnamed: 'Слово «{w}» в статье не встречается. Ближайшие по смыслу фрагменты:',
  startIntro: 'Я отвечаю на вопросы об одной научной статье:',
  startHowTo:
    'Задайте вопрос на казахском, русском или английском — я пришлю подходящие фрагменты статьи со ссылками на разделы и источники.',
  startExamples: 'Например, нажмите на один из вопросов:',
  examples: [
    'Каковы основные выводы статьи?',
    'Какой закон регулирует искусственный интеллект в Казахстане?',
    'Что такое риск-ориентированный подход?',
  ],
  helpTitle: 'Как задать вопрос',
  helpHowTo: 'Напишите вопрос о статье обычным сообщением. В ответе — фрагменты статьи, ссылка на раздел и источники из списка литературы.',
  helpButtons:
    'Кнопки под ответом: «Ещё» — следующие фрагменты, «Оригинал» — казахский текст переведённого фрагмента, «Другие языки» — тот же ' +
    'фрагмент на других языках.',
  helpInline: 'В любом чате наберите @{bot} и вопрос, чтобы поделиться фрагментом.',
  helpGroups: 'В группе упомяните меня (@{bot}) или ответьте на моё сообщение.',
  commands: {
    start: 'О боте и примеры вопросов',
    help: 'Как задать вопрос',
    about: 'О статье: авторы, DOI, лицензия',
    sections: 'Оглавление статьи',
    findings: 'Пять выводов статьи',
    lang: 'Выбрать язык интерфейса',
  },
  aboutTitle: 'О статье',
  authors: 'Авторы',
  licence: 'Лицензия',
  link: 'Ссылка',
  sectionsTitle: 'Оглавление статьи — выберите раздел:',
  sectionEmpty: 'В этом разделе нет текста.',
  findingsTitle: 'Пять выводов статьи',
  langChoose: 'Выберите язык интерфейса:',
  langSet: 'Язык интерфейса: русский.',
  langNotSaved: 'Сейчас не удалось сохранить выбор. Попробуйте ещё раз через минуту.',
  more: 'Ещё',
  original: 'Оригинал',
  otherLangs: 'Другие языки',
  originalTitle: 'Оригинальный текст (казахский)',
  rateLimited: 'Слишком много вопросов подряд: попробуйте снова через {s} с.',
  stale: 'Эта кнопка устарела. Отправьте вопрос ещё раз.',
  error: 'Извините, произошла ошибка. Попробуйте чуть позже.',
  badQuestion: 'Напишите вопрос о статье текстом (до {max} символов).',
  unhandled: 'Я отвечаю только на текстовые вопросы. Помощь: /help',
  unknownCommand: 'Такой команды нет. Помощь: /help',
  inlineHint: 'Напишите вопрос о статье',
  inlineNothing: 'В статье об этом не говорится',
};

const en: Messages = {
  langName: { kk: 'Kazakh', ru: 'Russian', en: 'English' },
  translated: 'translated from Kazakh',
  alsoIn: 'Also in',
  cited: 'References',
  source: 'Source',
  noAnswer: 'The article does not address this question: “{q}”',
  noAnswerHint: 'See the table of contents with /sections or the five main findings with /findings.',
  unnamed: 'The article does not use the word “{w}”. The passages closest in meaning:',
  startIntro: 'I answer questions about one scientific article:',
  startHowTo:
    'Ask in Kazakh, Russian or English — I reply with the passages of the article that answer it, with section references and citations.',
  startExamples: 'For example, tap one of these questions:',
  examples: [
    'What are the main findings of the article?',
    'Which law regulates artificial intelligence in Kazakhstan?',
    'What is the risk-based approach?',
  ],
  helpTitle: 'How to ask',
  helpHowTo:
    'Send a question about the article as an ordinary message. The reply quotes the article with the section reference and the sources ' +
    'from its reference list.',
  helpButtons:
    'Buttons under a reply: “More” — the next passages, “Original” — the Kazakh text of a translated passage, “Other languages” — the ' +
    'same passage in the other languages.',
  helpInline: 'In any chat, type @{bot} and a question to share a passage.',
  helpGroups: 'In a group, mention me (@{bot}) or reply to my message.',
  commands: {
    start: 'About the bot and example questions',
    help: 'How to ask',
    about: 'About the article: authors, DOI, licence',
    sections: 'Table of contents',
    findings: 'The five findings of the article',
    lang: 'Choose the interface language',
  },
  aboutTitle: 'About the article',
  authors: 'Authors',
  licence: 'Licence',
  link: 'Link',
  sectionsTitle: 'Table of contents — choose a section:',
  sectionEmpty: 'This section has no text.',
  findingsTitle: 'The five findings of the article',
  langChoose: 'Choose the interface language:',
  langSet: 'Interface language: English.',
  langNotSaved: 'Your choice could not be saved just now. Please try again in a minute.',
  more: 'More',
  original: 'Original',
  otherLangs: 'Other languages',
  originalTitle: 'Original text (Kazakh)',
  rateLimited: 'Too many questions in a row: please try again in {s} s.',
  stale: 'This button has expired. Please send your question again.',
  error: 'Sorry, something went wrong. Please try again a little later.',
  badQuestion: 'Please type a question about the article as text (up to {max} characters).',
  unhandled: 'I answer text questions only. Help: /help',
  unknownCommand: 'There is no such command. Help: /help',
  inlineHint: 'Type a question about the article',
  inlineNothing: 'The article does not address this',
};

const MESSAGES: Record<Lang, Messages> = { kk, ru, en };

/** Each language's name in itself, for the /lang buttons. */
export const NATIVE_LANG_NAME: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** The interface strings of a language. */
export function t(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Replaces `{name}` placeholders with values (plain text; escape the result for HTML). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
