/**
 * What the reliability tests and `scripts/load.ts` share without vitest: the token, the questions,
 * and the reference model of the reply to a text message.
 */
import { formatAnswerHtml, formatNoAnswerHtml } from '../../src/answer/format.js';
import { fill, t } from '../../src/answer/i18n.js';
import { MAX_QUESTION_CHARS } from '../../src/retrieval/question.js';
import { escapeHtml } from '../../src/answer/rich.js';
import { questionText } from '../../src/bot/group.js';
import { PAGE_SIZE } from '../../src/bot/reply.js';
import type { Lang } from '../../src/corpus/types.js';
import { UserError } from '../../src/errors.js';
import type { ArticleService } from '../../src/retrieval/types.js';

/** A token of the shape @BotFather issues (passes BOT_TOKEN_PATTERN), so that redaction is tested on a real-looking one. */
export const TOKEN = '7312945860:AAG-reliability_fake_token_0123456789xyz';
/** The secret half of TOKEN: what must never appear anywhere. */
export const TOKEN_SECRET = TOKEN.split(':')[1];
export const BOT_USERNAME = 'article_qa_test_bot';

/** Questions in the three languages, answered and not; all different replies. */
export const QUESTIONS = [
  'What is the risk-based approach?',
  'What are the main findings of the article?',
  'Which law regulates artificial intelligence in Kazakhstan?',
  'What is the fourth finding?',
  'When was the law on artificial intelligence adopted?',
  'Which university is Berdiyarova from?',
  'Who won the 2022 World Cup?',
  'Каковы основные выводы статьи?',
  'Какой закон регулирует искусственный интеллект в Казахстане?',
  'Что такое риск-ориентированный подход?',
  'Какой третий вывод исследования?',
  'Кто несёт уголовную ответственность за вред от ИИ?',
  'Мақаланың негізгі тұжырымдары қандай?',
  'Қазақстанда жасанды интеллектті қандай заң реттейді?',
  'Тәуекелге негізделген тәсіл дегеніміз не?',
  'кибершабуылдар',
  'заң кашан кабылданды',
  'Jasandy intellekt turaly zań',
  'How are personal data protected?',
  'What does the article say about criminal liability?',
] as const;

/**
 * Reference model of the bot's reply in a private chat to a text message that is not a command:
 * what askFeature + answerQuestion send, computed straight from the service and the formatter.
 */
export async function expectedReply(service: ArticleService, text: string, ui: Lang = 'en'): Promise<string[]> {
  const question = questionText(text, BOT_USERNAME);
  if (!question) return [escapeHtml(fill(t(ui).badQuestion, { max: MAX_QUESTION_CHARS }))];
  try {
    const answer = await service.ask(question, { offset: 0, limit: PAGE_SIZE });
    if (!answer.answered || answer.passages.length === 0) return [formatNoAnswerHtml(answer.query, answer.lang)];
    return formatAnswerHtml(answer, answer.lang);
  } catch (err) {
    if (err instanceof UserError) return [escapeHtml(fill(t(ui).badQuestion, { max: MAX_QUESTION_CHARS }))];
    throw err;
  }
}

/** The p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
