import type { Lang } from '../corpus/types.js';
import type { Answer } from '../retrieval/types.js';

const LABELS: Record<Lang, { translated: string; also: string; none: string; original: string }> = {
  kk: { translated: 'қазақ тілінен аударылған', also: 'сондай-ақ', none: 'Мақалада бұл туралы айтылмайды.', original: 'Түпнұсқа' },
  ru: { translated: 'перевод с казахского', also: 'также', none: 'В статье об этом не говорится.', original: 'Оригинал' },
  en: { translated: 'translated from Kazakh', also: 'also in', none: 'The article does not say.', original: 'Original' },
};

/**
 * The answer as plain text for a terminal: each passage with its rank, section reference, a
 * translation marker, the text, and the reference entries its citations point to.
 * With `original`, translated passages are followed by their Kazakh source.
 */
export function formatForTerminal(answer: Answer, options: { original?: boolean } = {}): string {
  const l = LABELS[answer.lang];
  if (!answer.answered) return `${l.none}\n`;
  const blocks = answer.passages.map((p) => {
    const head = `[${p.rank}] § ${p.section.title}${p.official ? '' : ` (${l.translated})`}${p.alsoIn.length ? ` — ${l.also} § ${p.alsoIn.map((s) => s.title).join(', § ')}` : ''}`;
    const lines = [head, p.text];
    if (options.original && !p.official) lines.push(`${l.original}: ${p.sourceText}`);
    for (const c of p.citations) lines.push(`  [${c.n}] ${c.text}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
