import { openService, retrievalSettings } from './src/setup.js';
const { service } = await openService(retrievalSettings({ ...process.env, EMBEDDER: 'lexical' }), { log: () => {} });
const qs = process.argv.slice(2);
for (const q of qs) {
  const a = await service.ask(q, { limit: Number(process.env.LIMIT ?? 12) });
  console.log(`## ${q} answered=${a.answered} total=${a.total} shown=${a.shown}`);
  for (const p of a.passages) console.log('  ', p.rank, p.id, p.score, p.sourceText.slice(0, 90).replace(/\n/g, ' '), p.citations.map((c) => c.n).join(','));
}
