import type { Lang } from '../corpus/types.js';
import { stem, words } from './fold.js';

/**
 * Countries, blocs and capitals people ask about, in the three languages: names, even typed in
 * lower case ("does china have an ai law?"). A question naming one the article never mentions asks
 * about something else. Only country names in English (not "English", "Russian": those name languages). Names the article does mention
 * (Kazakhstan, the USA, the EU, Tashkent) are
 * found in the article first and never count as foreign.
 */
const NAMES: Record<Lang, string> = {
  en: `china russia britain england uk germany france japan india korea canada brazil italy spain turkey iran israel ukraine belarus
    kyrgyzstan uzbekistan tajikistan turkmenistan azerbaijan armenia singapore australia switzerland sweden norway poland netherlands
    mexico argentina egypt emirates uae pakistan mongolia africa asia moscow beijing london paris tokyo berlin washington almaty`,
  ru: `китай китая китае китаю китайский китайское россия россии российский российское рф великобритания великобритании англия англии
    германия германии франция франции япония японии индия индии корея кореи канада канаде бразилия италия испания турция турции иран
    израиль украина украины беларусь белоруссия киргизия кыргызстан узбекистан узбекистане таджикистан туркменистан азербайджан армения
    сингапур австралия швейцария швеция норвегия польша нидерланды мексика египет оаэ пакистан монголия африка азия москва пекин лондон
    париж токио берлин вашингтон алматы`,
  kk: `қытай қытайда қытайдың ресей ресейде ресейдің ұлыбритания англия германия франция жапония үндістан корея канада бразилия италия
    испания түркия иран израиль украина беларусь қырғызстан өзбекстан тәжікстан түрікменстан әзербайжан армения сингапур австралия
    швейцария швеция норвегия польша нидерланд мексика египет пәкістан моңғолия африка азия мәскеу бейжің лондон париж токио берлин алматы`,
};

/** The stems of the names, per stemming language. */
const STEMS: Record<Lang, Set<string>> = {
  en: new Set(words(NAMES.en).map((w) => stem(w, 'en'))),
  ru: new Set(words(NAMES.ru).map((w) => stem(w, 'ru'))),
  kk: new Set(words(NAMES.kk).map((w) => stem(w, 'kk'))),
};

/** True when a stem (made with `lang`'s rules) is the name of a country, bloc or capital. */
export function isPlaceName(stemmed: string, lang: Lang): boolean {
  return STEMS[lang].has(stemmed);
}

/**
 * Abbreviations that are another word in lower case ("US" the country, "us" the pronoun): written in
 * capitals, they are replaced by a spelling the glossary knows. Case-sensitive, whole words only.
 */
const CAPITAL_ABBREVIATIONS: Record<string, string> = { US: 'USA', 'U.S.': 'USA', 'U.S.A.': 'USA' };
const ABBREVIATION = new RegExp(
  `(?<![\\p{L}\\p{N}.])(${Object.keys(CAPITAL_ABBREVIATIONS)
    .map((k) => k.replace(/\./g, '\\.'))
    .join('|')})(?![\\p{L}\\p{N}]|\\.\\p{L})`,
  'gu',
);

/**
 * The text with each capitalised abbreviation spelt as the glossary knows it: "what about the US?" → "what about the USA?"; "tell us"
 * unchanged.
 */
export function expandAbbreviations(text: string): string {
  return text.replace(ABBREVIATION, (m) => CAPITAL_ABBREVIATIONS[m]);
}
