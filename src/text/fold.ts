import type { Lang } from '../corpus/types.js';

/**
 * Text normalisation shared by indexing and queries. Kazakh letters are folded onto the Russian
 * keyboard letters people type instead (қ→к, ғ→г, ү/ұ→у, ө→о, ә→а, і→и, ң→н, һ→х), so
 * "заң кашан кабылданды" and "заң қашан қабылданды" analyse the same.
 */
const KAZAKH_FOLD: Record<string, string> = {
  қ: 'к',
  ғ: 'г',
  ү: 'у',
  ұ: 'у',
  ө: 'о',
  ә: 'а',
  і: 'и',
  ң: 'н',
  һ: 'х',
  ё: 'е',
  ј: 'й',
};

/** The letters of the Kazakh alphabet that Russian lacks (either case). */
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

/** True when a text has a letter only Kazakh uses (ә, ғ, қ, ң, ө, ұ, ү, һ, і): the one test of "written in Kazakh letters". */
export function hasKazakhLetters(text: string): boolean {
  return KAZAKH_LETTERS.test(text);
}

/**
 * Lower-case, NFC, Kazakh letters folded, soft hyphens and zero-width characters removed, superscript digits (affiliation marks) made
 * spaces.
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200F\u2060\uFEFF]/g, '')
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, ' ')
    .replace(/[қғүұөәіңһёј]/g, (ch) => KAZAKH_FOLD[ch]);
}

/**
 * Kazakh Latin (2018 acute and 2021 umlaut alphabets, and the informal spelling people type) →
 * folded Cyrillic, e.g. "Jasandy intellekt turaly zań" → "жасанды интеллект туралы зан". An `i` or
 * `ı` after a vowel and not before one is the glide й, as typed: "qandai" → "кандай", "Saimova" → "саймова".
 */
export function kazakhLatinToCyrillic(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const two = lower.slice(i, i + 2);
    if (DIGRAPHS[two]) {
      out += DIGRAPHS[two];
      i++;
      continue;
    }
    const ch = lower[i];
    if ((ch === 'i' || ch === 'ı') && LATIN_VOWELS.has(lower[i - 1]) && !LATIN_VOWELS.has(lower[i + 1])) {
      out += 'й';
      continue;
    }
    out += LATIN[ch] ?? ch;
  }
  return out;
}

/**
 * Russian typed in Latin letters, informally ("kakie vyvody v statye?", "chto pro personalnye dannye")
 * → Cyrillic: shch/sch щ, kh х, zh ж, ch ч, sh ш, ts ц, ya/ja я, yu/ju ю, yo/jo ё, y ы (й after a
 * vowel at the end of a word: "kakoy"), ' ь.
 */
export function russianLatinToCyrillic(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; ) {
    const digraph = RU_DIGRAPHS.find(([latin]) => lower.startsWith(latin, i));
    if (digraph) {
      out += digraph[1];
      i += digraph[0].length;
      continue;
    }
    const ch = lower[i];
    const wordEnd = !/[a-z]/.test(lower[i + 1] ?? '');
    out += ch === 'y' && wordEnd && 'aeiou'.includes(lower[i - 1] ?? '') ? 'й' : (RU_LATIN[ch] ?? ch);
    i++;
  }
  return out;
}

const RU_DIGRAPHS: Array<[string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['kh', 'х'],
  ['zh', 'ж'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['yo', 'ё'],
  ['jo', 'ё'],
];
const RU_LATIN: Record<string, string> = Object.fromEntries(
  [...'abvgdezijklmnoprstufhcwxqy'].map((c, i) => [c, [...'абвгдезийклмнопрстуфхцвхкы'][i]]).concat([["'", 'ь']]),
);

const LATIN_VOWELS = new Set('aeiouyıáäéóöúüūý');

const DIGRAPHS: Record<string, string> = { sh: 'ш', ch: 'ч', zh: 'ж', ts: 'ц', ya: 'я', yu: 'ю', iy: 'ий' };
const LATIN: Record<string, string> = {
  a: 'а',
  á: 'а',
  ä: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  ǵ: 'г',
  ğ: 'г',
  h: 'х',
  i: 'и',
  ı: 'и', // і in the 2021 alphabet, и in the 2018 one: both fold to и
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  ń: 'н',
  ñ: 'н',
  o: 'о',
  ó: 'о',
  ö: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  ş: 'ш',
  t: 'т',
  u: 'у',
  ú: 'у',
  ü: 'у',
  ū: 'у',
  v: 'в',
  w: 'у',
  x: 'х',
  y: 'ы',
  ý: 'у',
  z: 'з',
  ç: 'ч',
};

/** Words of a text (letters and digits; hyphenated words give their parts), already folded. */
export function words(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).flatMap(unstump);
}

/**
 * Russian stump compounds, spelled out: the stump, the word it stands for, and what the first
 * letters of that word look like (so "национальный" itself is not split).
 */
const STUMPS: Array<[string, string, string]> = [
  ['нац', 'национальная', 'нацио'],
  ['гос', 'государственный', 'госуд'],
  ['соц', 'социальный', 'социа'],
];

/** "нацбезопасность" → "национальная", "безопасность"; other words as they are. */
function unstump(word: string): string[] {
  for (const [stump, full, own] of STUMPS)
    if (word.startsWith(stump) && !word.startsWith(own) && word.length - stump.length >= 5) return [full, word.slice(stump.length)];
  return [word];
}

/** Compound prefixes after which the word's own stem starts (киберқалқан ≠ киберқауіпсіздік). */
const COMPOUND_PREFIXES = ['кибер', 'кибар', 'cyber'];

// Endings, folded, longest first. Kazakh ones are stripped repeatedly (agglutination), Russian and English once.
const KK_ENDINGS =
  `ларынын леринин дарынын деринин тарынын теринин ларынан леринен ларына лерине ларында леринде ларын лерин дарын дерин тарын терин
  ларды лерди дарды дерди тарды терди лардын лердин дардын дердин тардын тердин ларга лерге дарга дерге тарга терге ларда лерде дарда дерде тарда терде
  дагы деги тагы теги нын нин дын дин тын тин лар лер дар дер тар тер лык лик дык дик тык тик нан нен дан ден тан тен мен бен пен ган ген кан кен
  атын етин йтын йтин нда нде ынан инен ына ине ында инде йды йди ады еди сын син сы си ды ди ты ти ны ни да де та те га ге ка ке на не
  ын ин ы и у`
    .split(/\s+/)
    .filter(Boolean);
// Verb-forming -лан/-лен (ерекше → ерекшеленеді): stripped only from a long stem, so пайдалан (use) stays apart from пайда (benefit).
const KK_VERB_SUFFIXES = ['лан', 'лен'];
const KK_VERB_MIN_STEM = 6;
const RU_ENDINGS = (
  `ьями иями ями ами ьей ьям ьях ого его ому ему ыми ими ией ях ах ов ев ей ой ий ый ая яя ое ее ые ие ую юю ом ем ам ям ых их ию ия ье ` +
  `ья ьи ью а я о е ы и у ю ь й`
)
  .split(/\s+/)
  .filter(Boolean);
const EN_ENDINGS = ['ings', 'ing', 'ies', 'ied', 'ed', 'es', 's', 'e'];

/**
 * A Kazakh stem whose final к/қ or п became voiced before a vowel ending (ерекшелік → ерекшелігі,
 * кітап → кітабы) gets its voiceless letter back once that ending is stripped, so both forms meet.
 */
function voiceless(stripped: string, before: string): string {
  if (stripped === before) return stripped;
  return stripped.replace(/г$/, 'к').replace(/б$/, 'п');
}

function stripOnce(word: string, endings: string[], minStem: number): string {
  for (const e of endings) if (word.length - e.length >= minStem && word.endsWith(e)) return word.slice(0, -e.length);
  return word;
}

/**
 * Light stemmer for the three languages (folds its input first): strips inflection endings
 * (Kazakh ones repeatedly), then keeps a prefix of at most `len` letters (`len + 2` for Kazakh,
 * whose endings are stripped more thoroughly); after a compound prefix like "кибер" the next four
 * letters count too. Latin words always take the English rules.
 * Hand-written rather than a library: Snowball (and its npm ports) has no Kazakh, and no stemmer
 * reads Kazakh typed without Kazakh letters; indexing, questions and highlighting all go through
 * this one function, so they always agree.
 * ```ts
 * stem('заңының', 'kk') === stem('заң', 'kk'); stem('законе', 'ru') === 'закон'
 * ```
 */
export function stem(raw: string, lang: Lang = 'kk', len = 6): string {
  const word = fold(raw);
  if (/^\d+$/.test(word)) return word;
  const prefix = COMPOUND_PREFIXES.find((p) => word.startsWith(p) && word.length >= p.length + 3);
  if (prefix) return prefix + word.slice(prefix.length, prefix.length + 4);
  let w = word;
  if (/^[a-z]/.test(word)) {
    w = word.length > 4 ? stripOnce(word, EN_ENDINGS, 3) : word;
  } else if (lang === 'ru') {
    w = stripOnce(word, RU_ENDINGS, 3);
  } else {
    for (let prev = ''; prev !== w; ) {
      prev = w;
      w = voiceless(stripOnce(w, KK_ENDINGS, 3), w);
    }
    w = stripOnce(w, KK_VERB_SUFFIXES, KK_VERB_MIN_STEM);
  }
  // Kazakh endings are stripped thoroughly above; a longer prefix keeps тұжырым ≠ тұжырымдама
  const keep = lang === 'kk' && !/^[a-z]/.test(word) ? len + 2 : len;
  return w.length <= keep ? w : w.slice(0, keep);
}
