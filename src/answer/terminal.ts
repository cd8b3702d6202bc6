import type { Answer } from '../retrieval/types.js';
import { sourceLine } from './format.js';
import { fill, t } from './i18n.js';

/**
 * The answer as plain text for a terminal: each passage with its rank, section reference, a
 * translation marker, the text, and the reference entries its citations point to; then the source
 * line (article, DOI, licence).
 * With `original`, translated passages are followed by their Kazakh source.
 */
export function formatForTerminal(answer: Answer, options: { original?: boolean } = {}): string {
  const m = t(answer.lang);
  if (!answer.answered) return `${fill(m.noAnswer, { q: answer.query })}\n`;
  const blocks = answer.passages.map((p) => {
    const also = p.alsoIn.length ? ` — ${m.alsoIn}: § ${p.alsoIn.map((s) => s.title).join(', § ')}` : '';
    const lines = [`[${p.rank}] § ${p.section.title}${p.official ? '' : ` (${m.translated})`}${also}`, p.text];
    if (options.original && !p.official) lines.push(`${m.originalTitle}: ${p.sourceText}`);
    for (const c of p.citations) lines.push(`  [${c.n}] ${c.text}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${sourceLine(answer.lang).text}\n`;
}
