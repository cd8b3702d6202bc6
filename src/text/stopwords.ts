import type { Lang } from '../corpus/types.js';
import { fold } from './fold.js';

/**
 * Function and question words, and the filler of chatty questions ("ok so basically …", "ну вот
 * вообще …", "айтшы, өзі …"), that carry no topic: they never count as matches. Each word once after folding.
 */
const EN = `a an the of to in on for and or is are was were be been being what whats which who whom whose when where why how do does did
can could would should will shall may might must i me my we our you your he she it its they them their this that these those there here with by from
at as about into than then so if not no yes any some all more most other such only same too very just also r u pls please tell give show explain
describe list say says said get make made have has had let know want need anything something thing things much many
year years today tomorrow yesterday now day days
main key basic important major principal general overall
article articles paper study research authors' author's
discuss discusses discussed mention mentions mentioned cover covers covered raise raises address addresses someone anyone somebody anybody
five enumerate every each
ok okay so basically actually really even just like well hey um uh guys gonna wanna gotta kinda lol plz btw anyway anyways honestly curious
wondering wonder quick stuff whole needed exactly`;
const RU = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему
когда даже ну ли если уже или ни быть был него до вас нибудь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам
чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой какая какое какие каких каким какими каком какую совсем ним здесь этом
почти мой тем чтобы нее сейчас были куда зачем всех можно при об другой хоть после над больше тот через эти нас про всего них много разве эту моя
этой перед лучше такой им более всегда между это является являются расскажи скажи покажи пожалуйста говорится сказано ль
год года году годы лет сегодня завтра вчера день каков какова каково каковы
основной основная основное основные основных главный главная главное главные ключевой ключевые важный важные
статья статьи статье статью исследование исследования исследовании работа работе
нужно рассматривает рассматриваются обсуждает обсуждается поднимает описывает упоминается
пять перечисли перечислите перечислить весь вся каждый
ну вообще просто слушай слушайте подскажи подскажите интересно кстати короче типа ладно окей эта нужна нужен нужны вообще-то собственно
хочу хотел хотела знать узнать понять объясни объясните давай`;
const KK = `мен пен бен және неге нені ненің кандай қалай қашан қай қайда кім кімге кімнің кімдер кімдердің нелер
қанша ма ме ба бе па пе бұл осы сол ол олар бар жоқ де та те үшін туралы бойынша болады болып табылады еді деп деген
сияқты ретінде бірақ ал егер онда немесе айтып айтшы бер беріңіз жайлы жайында ше ғой
жыл жылы жылғы жылдары бүгін ертең кеше қазір күн
негізгі басты маңызды
мақала мақаланың мақалада мақаланы зерттеу зерттеудің зерттеуде
қарастырады қарастырылады айтылады айтылған талқыланады керек
бес барлық барлығы атап атаңыз санап әр
өзі енді жаңағы шынымен айтыңызшы түсіндірші түсіндіріңізші білгім келеді қызық сонда маған бізге`;

const FOLDED = new Set(
  `${EN} ${RU} ${KK}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => fold(w)),
);

/** Words that name the article itself (all stop words too): a question of only these and function words asks what it is about. */
const ARTICLE = new Set(
  `article articles paper study research статья статьи статье статью статьей исследование исследования исследовании работа работе
  мақала мақаланың мақалада мақаланы мақалаға зерттеу зерттеудің зерттеуде`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => fold(w)),
);

/** True when a folded word names the article itself ("article", "статья", "мақала"). */
export function namesArticle(folded: string): boolean {
  return ARTICLE.has(folded);
}

/** True when a folded word is a function or question word. */
export function isStopword(folded: string): boolean {
  return FOLDED.has(folded) || ARTICLE.has(folded);
}

const BY_LANG: Record<Lang, Set<string>> = {
  en: new Set(
    EN.split(/\s+/)
      .filter(Boolean)
      .map((w) => fold(w)),
  ),
  ru: new Set(
    RU.split(/\s+/)
      .filter(Boolean)
      .map((w) => fold(w)),
  ),
  kk: new Set(
    KK.split(/\s+/)
      .filter(Boolean)
      .map((w) => fold(w)),
  ),
};

/** True when a folded word is a function or question word of `lang` (or names the article). */
export function isStopwordIn(folded: string, lang: Lang): boolean {
  return BY_LANG[lang].has(folded) || ARTICLE.has(folded);
}
