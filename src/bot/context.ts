import type { Context, SessionFlavor } from 'grammy';
import type { Lang } from '../corpus/types.js';
import type { DialogueEngine } from '../dialogue/engine.js';
import type { ArticleService } from '../retrieval/types.js';
import type { DialogueSessions } from './dialogue-store.js';
import type { Logger } from '../log.js';
import type { RateLimiter } from './rate-limit.js';

/** What the bot remembers per user (persisted by the session storage). */
export interface SessionData {
  /** Interface language chosen with /lang. */
  lang?: Lang;
}

export type BotContext = Context & SessionFlavor<SessionData>;

/** What every feature gets: passed in by `createBot`, never imported. */
export interface BotDeps {
  service: ArticleService;
  logger: Logger;
  limiter: RateLimiter;
  /** The conversation engine (acts, follow-ups, paging). */
  dialogue: DialogueEngine;
  /** Where each chat's dialogue state is kept. */
  dialogues: DialogueSessions;
}
