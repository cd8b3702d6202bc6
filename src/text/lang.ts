import type { Lang } from '../corpus/types.js';
import { fold, hasKazakhLetters, words } from './fold.js';

/** The detected language of a question and how it is written. */
export interface DetectedLang {
  lang: Lang;
  /** True for Kazakh written in the Latin alphabet: it is transliterated to Cyrillic before search. */
  kazakhLatin: boolean;
}

const KAZAKH_LATIN_LETTERS = /[áǵńóúýıäğñöüūş]/i;
// folded Kazakh function words and frequent article words, as typed without Kazakh letters
const KK_WORDS = new Set(
  fold(`туралы қандай қалай қашан не неге нені кім кімнің қай қайда қанша және мен пен бен үшін бойынша деген бар жоқ
  ма ме ба бе па пе заң заңы заңның мақала мақаланың зерттеу зерттеудің нәтиже нәтижелері нәтижесі жасанды интеллект интеллекттің құқық құқықтық
  қабылданды авторлар авторлары тұжырымы қорытынды әдіс әдістері айтып айтшы қазақстан қр`)
    .split(/\s+/)
    .filter(Boolean),
);
// on folded words (і→и, ғ→г, қ→к …)
const KK_SUFFIX =
  /(дын|дин|тын|тин|нын|нин|лар|лер|дар|дер|тар|тер|ларды|лерди|дагы|деги|тагы|теги|нда|нде|ган|ген|кан|кен|ды|ди|ты|ти|сы|си|ау|еу|лык|лик|дык|дик|тык|тик)$/;
const RU_WORDS = new Set(
  `что как какой какая какие каких кто где когда почему зачем в во на о об про и или для по с со это ли из от к у за
  статья статьи закон закона законе об ии исследования вывод выводы автор авторы называется работает применяется регулирует`
    .split(/\s+/)
    .filter(Boolean),
);
const RU_SUFFIX =
  /(ция|ции|ние|ния|нию|ость|ости|ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ыми|ими|ать|ять|ить|ует|ются|ется|ами|ями|ах|ях)$/;
const EN_WORDS = new Set(
  `the what is are of to in on for and or which who how does do did why when where about law article findings ai`.split(/\s+/),
);
const KK_LATIN_WORDS = new Set(
  `turaly jasandy zan zań zaň qazaqstan qandai qandaı qalai qalaı qashan ne neni kim jane jáne ushin úshin boiynsha
  boıynsha maqala nátije natije quqyq quqyqtyq qabyldandy zertteu intellekt`.split(/\s+/),
);

/**
 * Detects the language of a question, robust for short ones: Kazakh letters mean Kazakh; Cyrillic
 * without them is weighed between Kazakh typed on a Russian keyboard and Russian by function words and
 * endings; Latin is English unless it has Kazakh-Latin letters or words. Defaults: Cyrillic → ru, Latin → en.
 */
export function detectLang(text: string): DetectedLang {
  const cyr = (text.match(/[\u0400-\u04FF]/g) ?? []).length;
  const lat = (text.match(/[a-zA-Z\u00C0-\u024F]/g) ?? []).length;
  if (cyr === 0 && lat === 0) return { lang: 'en', kazakhLatin: false };
  if (cyr >= lat) {
    if (hasKazakhLetters(text)) return { lang: 'kk', kazakhLatin: false };
    let kk = 0;
    let ru = 0;
    for (const w of words(text)) {
      if (KK_WORDS.has(w)) kk += 2;
      if (RU_WORDS.has(w)) ru += 2;
      if (w.length > 4 && KK_SUFFIX.test(w)) kk += 1;
      if (w.length > 4 && RU_SUFFIX.test(w)) ru += 1;
    }
    return { lang: kk > ru ? 'kk' : 'ru', kazakhLatin: false };
  }
  if (KAZAKH_LATIN_LETTERS.test(text)) return { lang: 'kk', kazakhLatin: true };
  let kk = 0;
  let en = 0;
  for (const w of text.toLowerCase().match(/[a-z\u00C0-\u024F]+/g) ?? []) {
    if (KK_LATIN_WORDS.has(w)) kk += 1;
    if (EN_WORDS.has(w)) en += 1;
  }
  return kk > en ? { lang: 'kk', kazakhLatin: true } : { lang: 'en', kazakhLatin: false };
}
