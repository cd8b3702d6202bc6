/**
 * Text normalisation shared by indexing and queries. Kazakh letters are folded onto the Russian
 * keyboard letters people type instead (қ→к, ғ→г, ү/ұ→у, ө→о, ә→а, і→и, ң→н, һ→х), so
 * "заң кашан кабылданды" and "заң қашан қабылданды" analyse the same.
 */
const KAZAKH_FOLD: Record<string, string> = {
  'қ': 'к', 'ғ': 'г', 'ү': 'у', 'ұ': 'у', 'ө': 'о', 'ә': 'а', 'і': 'и', 'ң': 'н', 'һ': 'х', 'ё': 'е', 'ј': 'й',
};

/** Lower-case, NFC, Kazakh letters folded, soft hyphens and zero-width characters removed. */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200F\u2060\uFEFF]/g, '')
    .replace(/[қғүұөәіңһёј]/g, (ch) => KAZAKH_FOLD[ch]);
}

/** Kazakh Latin (2018 acute and 2021 umlaut alphabets) → folded Cyrillic, e.g. "Jasandy intellekt turaly zań" → "жасанды интеллект туралы зан". */
export function kazakhLatinToCyrillic(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const two = lower.slice(i, i + 2);
    if (DIGRAPHS[two]) { out += DIGRAPHS[two]; i++; continue; }
    const ch = lower[i];
    out += LATIN[ch] ?? ch;
  }
  return out;
}

const DIGRAPHS: Record<string, string> = { sh: 'ш', ch: 'ч', zh: 'ж', ts: 'ц', ya: 'я', yu: 'ю', iy: 'ий' };
const LATIN: Record<string, string> = {
  a: 'а', 'á': 'а', 'ä': 'а', b: 'б', c: 'ц', d: 'д', e: 'е', f: 'ф', g: 'г', 'ǵ': 'г', 'ğ': 'г', h: 'х',
  i: 'и', 'ı': 'ы', j: 'ж', k: 'к', l: 'л', m: 'м', n: 'н', 'ń': 'н', 'ñ': 'н', o: 'о', 'ó': 'о', 'ö': 'о',
  p: 'п', q: 'к', r: 'р', s: 'с', 'ş': 'ш', t: 'т', u: 'у', 'ú': 'у', 'ü': 'у', 'ū': 'у', v: 'в', w: 'у',
  x: 'х', y: 'ы', 'ý': 'й', z: 'з', 'ç': 'ч',
};

/** Words of a text (letters and digits; hyphenated words give their parts), already folded. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Light stemmer for all three languages: a prefix of at most `len` letters (Kazakh and Russian inflect at the end). */
export function stem(word: string, len = 6): string {
  if (/^\d+$/.test(word)) return word;
  return word.length <= len ? word : word.slice(0, len);
}
