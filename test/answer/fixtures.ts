/* Passages built from real paragraphs of the article, for the formatter tests. */
import type { Answer, Passage } from '../../src/retrieval/types.js';

export const FINDING_3_EN =
  'Third, the analysis of international experience demonstrates the effectiveness of applying a risk-based approach in the legal ' +
  "regulation of artificial intelligence. In the European Union's legal act, the AI Act, the legal requirements for the use of " +
  'artificial intelligence systems are established by classifying them according to their level of risk.';
export const FINDING_3_KK =
  'Үшіншіден, халықаралық тәжірибені талдау жасанды интеллектті құқықтық реттеу барысында тәуекелге негізделген тәсілді қолданудың ' +
  'тиімділігін көрсетеді. Еуропалық Одақтың AI Акт құқықтық актісінде жасанды интеллект жүйелерін тәуекел деңгейіне қарай жіктеу ' +
  'арқылы оларды қолданудың құқықтық талаптары белгіленген.';
export const DISCUSSION_4_RU =
  'Указанные документы направлены на формирование институциональных и организационных основ для развития технологий искусственного ' +
  'интеллекта. Кроме того, основные принципы правового регулирования сферы искусственного интеллекта в Республике Казахстан закреплены ' +
  'в Законе Республики Казахстан «Об искусственном интеллекте» [18]. Данный Закон направлен на регулирование общественных отношений ' +
  'в сфере развития, использования и обеспечения безопасности технологий искусственного интеллекта.';
export const REFERENCE_18 =
  '18. Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ. Қолжетімді: <https://adilet.zan.kz/> ' +
  '(Қол жеткізілген күні: 20 қаңтар 2026 ж.).';
export const DOI_URL = 'https://doi.org/10.32523/2616-6844-2026-154-1-41-50';

/** A passage with defaults for the fields a test does not care about. */
export function passage(p: Partial<Passage> & Pick<Passage, 'text'>): Passage {
  return {
    rank: 1,
    id: 'en:results/finding-3:1',
    section: { id: 'results/finding-3', title: 'Results · finding 3' },
    lang: 'en',
    sourceText: FINDING_3_KK,
    score: 1,
    official: false,
    alsoIn: [],
    citations: [],
    ...p,
  };
}

export function answer(passages: Passage[], a: Partial<Answer> = {}): Answer {
  return { query: 'What does the AI Act say about risk levels?', lang: 'en', answered: true, passages, total: passages.length, ...a };
}
