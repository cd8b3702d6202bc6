import type { Api } from 'grammy';
import { t } from '../answer/i18n.js';
import { COMMANDS } from '../answer/views.js';
import type { Lang } from '../corpus/types.js';
import { describeError, type Logger } from '../log.js';

/** The command menu in a language. */
export function commandList(lang: Lang): Array<{ command: string; description: string }> {
  return COMMANDS.map((command) => ({ command, description: t(lang).commands[command] }));
}

/**
 * Registers the command menu for kk, ru and en users and an English default. A failure is
 * logged as a warning and never thrown: the bot works without a menu. Resolves when all four
 * calls have finished (or `signal` aborted them).
 */
export async function registerCommands(api: Api, logger: Logger, signal?: AbortSignal): Promise<void> {
  const scopes: Array<Lang | undefined> = [undefined, 'kk', 'ru', 'en'];
  await Promise.all(
    scopes.map(async (lang) => {
      try {
        await api.setMyCommands(
          commandList(lang ?? 'en'),
          lang ? { language_code: lang } : {},
          signal as Parameters<Api['setMyCommands']>[2],
        );
      } catch (err) {
        if (signal?.aborted) return;
        logger.warn(`could not register the command menu (${lang ?? 'default'}): ${describeError(err)}; the bot works without it`);
      }
    }),
  );
}
