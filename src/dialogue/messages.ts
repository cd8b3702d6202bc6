import { ARTICLE } from '../answer/article.js';
import type { Lang } from '../corpus/types.js';
import { MAX_QUESTION_CHARS } from '../retrieval/question.js';
import type { SmalltalkKind } from './classify.js';

/** The dialogue's own interface strings (small talk, notices, the "understood as" line), per language. */
export interface DialogueMessages {
  smalltalk: Record<SmalltalkKind, string>;
  /** Offered under small talk. */
  tryAsking: string;
  nothingMore: string;
  askFirst: string;
  /** A message with no letter or digit ("😀😀", "???"). */
  noWords: string;
  /** A message longer than a question may be. */
  tooLong: string;
  /** "and the sixth?" after the findings: there are only five. */
  noSuchFinding: string;
  /** Example questions offered after small talk (buttons in Telegram, numbers in the terminal). */
  suggestions: string[];
}

/** The mark before "what the follow-up was understood as". */
export const UNDERSTOOD_MARK = '↪';
/** Longest "understood as" line shown, in characters. */
const MAX_UNDERSTOOD_CHARS = 120;
/** How many suggestions small talk offers. */
export const SUGGESTIONS_SHOWN = 3;

const MESSAGES: Record<Lang, DialogueMessages> = {
  en: {
    smalltalk: {
      greeting:
        `Hello! I answer questions about the article “${ARTICLE.title.en}” (${ARTICLE.year}), quoting its own passages — in ` +
        `Kazakh, Russian or English.`,
      thanks: 'You are welcome! Ask me anything else about the article.',
      bye: 'Goodbye! Come back any time with a question about the article.',
      about:
        `I am a bot that answers questions about one article, “${ARTICLE.title.en}” (${ARTICLE.year}): I reply with its own ` +
        `passages and the sections they come from.`,
      howAreYou: 'All well, thank you! I am here to answer questions about the article on the legal problems of AI.',
      chatter: '🙂 What else would you like to know about the article?',
    },
    tryAsking: 'Try asking:',
    nothingMore: 'That is all the article says on this. Ask another question, or see /findings.',
    noSuchFinding: 'The article states five findings; /findings lists them.',
    askFirst: 'Ask a question about the article first, e.g. “What are the main findings?”',
    noWords: 'There are no words in this message. Type a question about the article, e.g. “What are the main findings?”',
    tooLong: `This message is too long. Ask a question about the article in at most ${MAX_QUESTION_CHARS} characters.`,
    suggestions: [
      'What are the main findings of the article?',
      'Which law regulates artificial intelligence in Kazakhstan?',
      'What is the risk-based approach?',
      'Who owns works created with AI?',
      'What does the article say about personal data?',
      'What methods did the authors use?',
    ],
  },
  ru: {
    smalltalk: {
      greeting:
        `Здравствуйте! Я отвечаю на вопросы о статье «${ARTICLE.title.ru}» (${ARTICLE.year}) её собственными словами — на ` +
        `казахском, русском или английском.`,
      thanks: 'Пожалуйста! Спрашивайте о статье ещё.',
      bye: 'До свидания! Возвращайтесь с вопросами о статье.',
      about:
        `Я бот, который отвечает на вопросы об одной статье — «${ARTICLE.title.ru}» (${ARTICLE.year}): присылаю её фрагменты и ` +
        `разделы, откуда они.`,
      howAreYou: 'Всё хорошо, спасибо! Я здесь, чтобы отвечать на вопросы о статье о правовых проблемах ИИ.',
      chatter: '🙂 Что ещё вы хотели бы узнать о статье?',
    },
    tryAsking: 'Например, спросите:',
    nothingMore: 'Больше статья об этом ничего не говорит. Задайте другой вопрос или посмотрите /findings.',
    noSuchFinding: 'В статье пять выводов; их список — /findings.',
    askFirst: 'Сначала задайте вопрос о статье, например: «Каковы основные выводы?»',
    noWords: 'В сообщении нет слов. Напишите вопрос о статье, например: «Каковы основные выводы?»',
    tooLong: `Сообщение слишком длинное. Задайте вопрос о статье не длиннее ${MAX_QUESTION_CHARS} символов.`,
    suggestions: [
      'Каковы основные выводы статьи?',
      'Какой закон регулирует искусственный интеллект в Казахстане?',
      'Что такое риск-ориентированный подход?',
      'Кому принадлежат произведения, созданные с помощью ИИ?',
      'Что говорится о персональных данных?',
      'Какие методы использовали авторы?',
    ],
  },
  kk: {
    smalltalk: {
      greeting:
        `Сәлеметсіз бе! Мен «${ARTICLE.title.kk}» (${ARTICLE.year}) мақаласы бойынша сұрақтарға оның өз үзінділерімен жауап ` +
        `беремін — қазақ, орыс немесе ағылшын тілінде.`,
      thanks: 'Оқасы жоқ! Мақала туралы тағы сұраңыз.',
      bye: 'Сау болыңыз! Мақала туралы сұрағыңыз болса, қайта келіңіз.',
      about:
        `Мен бір мақала — «${ARTICLE.title.kk}» (${ARTICLE.year}) — бойынша сұрақтарға жауап беретін ботпын: оның үзінділерін ` +
        `бөлімдерімен жіберемін.`,
      howAreYou: 'Жақсы, рахмет! Мен ЖИ-дің құқықтық мәселелері туралы мақала бойынша сұрақтарға жауап беремін.',
      chatter: '🙂 Мақала туралы тағы не білгіңіз келеді?',
    },
    tryAsking: 'Мысалы, сұраңыз:',
    nothingMore: 'Мақалада бұл туралы басқа ештеңе айтылмайды. Басқа сұрақ қойыңыз немесе /findings қараңыз.',
    noSuchFinding: 'Мақалада бес тұжырым бар; тізімі — /findings.',
    askFirst: 'Алдымен мақала туралы сұрақ қойыңыз, мысалы: «Мақаланың негізгі тұжырымдары қандай?»',
    noWords: 'Хабарламада сөз жоқ. Мақала туралы сұрақ жазыңыз, мысалы: «Мақаланың негізгі тұжырымдары қандай?»',
    tooLong: `Хабарлама тым ұзын. Мақала туралы сұрақты ${MAX_QUESTION_CHARS} таңбадан аспайтындай етіп қойыңыз.`,
    suggestions: [
      'Мақаланың негізгі тұжырымдары қандай?',
      'Қазақстанда жасанды интеллектті қандай заң реттейді?',
      'Тәуекелге негізделген тәсіл дегеніміз не?',
      'ЖИ көмегімен жасалған туындылар кімге тиесілі?',
      'Дербес деректер туралы не айтылған?',
      'Авторлар қандай әдістерді қолданды?',
    ],
  },
};

/** The dialogue strings of a language. */
export const dialogueText = (lang: Lang): DialogueMessages => MESSAGES[lang];

/**
 * Indices of the suggestions small talk offers: the overview questions after a greeting or a
 * question about the bot, the more specific ones after thanks, a goodbye or chatter ("lol").
 */
export function suggestionsFor(kind: SmalltalkKind): number[] {
  const start = kind === 'thanks' || kind === 'bye' || kind === 'chatter' ? SUGGESTIONS_SHOWN : 0;
  return Array.from({ length: SUGGESTIONS_SHOWN }, (_, i) => start + i);
}

/** The one-line "↪ what it was understood as", shortened to 120 characters. */
export function understoodLine(understood: string): string {
  const chars = Array.from(understood.replace(/\s+/g, ' ').trim());
  const text = chars.length > MAX_UNDERSTOOD_CHARS ? `${chars.slice(0, MAX_UNDERSTOOD_CHARS - 1).join('')}…` : chars.join('');
  return `${UNDERSTOOD_MARK} ${text}`;
}

/** Small talk as plain text with its suggestions numbered (the terminal and `ask --json`). */
export function smalltalkText(kind: SmalltalkKind, lang: Lang): string {
  const m = dialogueText(lang);
  const list = suggestionsFor(kind).map((i, n) => `${n + 1}. ${m.suggestions[i]}`);
  return [m.smalltalk[kind], '', m.tryAsking, ...list].join('\n');
}
