import type { Lang } from '../corpus/types.js';

/**
 * The words that tell how a chat message relates to the previous turn, per language. Data only:
 * `lexicon.ts` folds every entry (қ→к, ә→а, ё→е …), so Kazakh typed without Kazakh letters matches,
 * and Kazakh in the Latin alphabet is transliterated to Cyrillic before it is looked up here.
 * Multi-word entries are phrases matched on whole words. Write words as people type them.
 */
export interface DialogueWords {
  /** Words that open a follow-up: "and …", "what about …". */
  connectives: string;
  /** Particles that close a follow-up: Kazakh "… ше?". */
  closers: string;
  /** Pronouns pointing back at the previous answer: "it", "это", "ол". */
  anaphora: string;
  /** Words that ask for an aspect of the previous topic rather than name a topic: "why", "example". */
  aspects: string;
  /** Question words (a message with one has a frame of its own). */
  interrogatives: string;
  /** Verbs of saying: "what does it say about X" is about the article, not a back-reference. */
  sayVerbs: string;
  /** "more", "go on": the whole message asks for the next passages. */
  more: string;
  /** Words that may stand around a request ("please", "tell me", "show") without changing it. */
  fillers: string;
  /** The request words among them ("give", "приведи", "келтірші"): a follow-up with one is named by its aspect in the "↪" line. */
  requests: string;
  /** Words naming a reply language (a whole message of these and fillers asks for that language). */
  languages: Record<Lang | 'original', string>;
  /**
   * Greetings, thanks, goodbyes, "ok", and chatter ("lol", "wow", "ого"; laughter of any length is `LAUGHTER`): a whole
   * message of these is small talk.
   */
  social: Record<'greeting' | 'thanks' | 'bye' | 'chatter', string>;
  /** Whole small-talk questions: about the bot, "how are you". */
  socialPhrases: Record<'about' | 'howAreYou', string>;
  /** Ordinals 1–5, every form people type (word stems ending in `*` match any ending). */
  /** Ordinal words, first to tenth (the article numbers five findings: a higher one is answered that there are five). */
  ordinals: string[];
}

export const WORDS: Record<Lang, DialogueWords> = {
  en: {
    connectives:
      'and | but | so | also | then | ok and | what about | how about | and what about | what of | same for | and for | and in | and ' +
      'about | more about | now',
    closers: '',
    anaphora: 'it its they them their this that these those there one ones he she him her his same',
    aspects: `why how when where who whom whose which what example examples instance instances case cases kind kinds type types sort sorts exactly
      specifically precisely detail details reason reasons cause causes consequence consequences effect effects impact meaning mean means
      explain explanation summary summarize summarise short briefly simply simple words affect affects influence lead leads apply applies work works
      happen happens wrote write written adopted adopt passed number important matter matters needed necessary`,
    interrogatives: 'what which who whom whose when where why how whats',
    sayVerbs: 'say says said mention mentions mentioned write writes tell tells discuss discusses state states',
    more: 'more go on continue next further keep going else anything details detail elaborate rest',
    fillers: `please pls plz tell me us show give can could would you the a an some in into to on with and again now version text answer
      translate translation language explain say put it that this write one reply what is there`,
    requests: 'please pls plz give show tell can could would explain',
    languages: {
      kk: 'kazakh',
      ru: 'russian',
      en: 'english',
      original: 'original source',
    },
    social: {
      greeting: 'hi hello hey hiya howdy yo greetings good morning afternoon evening day there bot dear all everyone salam',
      thanks: `thanks thank you thx ty tnx cheers great cool nice ok okay k fine good perfect awesome excellent got it i see understood clear
        appreciate appreciated much lot a very so helpful wonderful amazing super brilliant alright sure yes yeah yep no nope`,
      bye: 'bye goodbye good night see you later cya farewell take care',
      chatter: 'lol lmao lmfao rofl kk kek xd omg wow whoa oh ohh oops hmm hm huh heh interesting funny',
    },
    socialPhrases: {
      about: `who are you | what are you | what can you do | what do you do | what do you know | what is this | what is this bot | how does this work |
        how do you work | how to use | help | help me | what should i ask | what can i ask | what can i ask you | are you a bot | who made you | what are you for`,
      howAreYou: 'how are you | how are you doing | how is it going | how are things | whats up | sup',
    },
    ordinals: [
      'first 1st',
      'second 2nd',
      'third 3rd',
      'fourth 4th',
      'fifth 5th',
      'sixth 6th',
      'seventh 7th',
      'eighth 8th',
      'ninth 9th',
      'tenth 10th',
    ],
  },
  ru: {
    connectives:
      'а | и | но | ну | ну а | а вот | а что насчет | что насчет | как насчет | а как насчет | а что с | а как с | а что про | а про | ' +
      'а если | тогда | еще про | а еще',
    closers: '',
    anaphora: `это этот эта эти этого этой этих этому этим том тот та те того той тех он она оно они его ее их него нее них ему ей им нему ней
      ним там тут туда оттуда такой такая такие такое такого`,
    aspects: `почему зачем как когда где кто кого чей какие какой какая какое каких каким сколько пример примеры примера примеров например
      подробно подробнее конкретно именно точно причина причины последствия последствие влияет влияют влияние значит означает объясни объясните
      поясни поясните кратко вкратце коротко простыми словами итог суммируй виды вид типы тип работает работают применяется принят приняли
      написал написали автор номер важно важен важна нужно нужен нужна необходимо`,
    interrogatives: `что чего чему чем чём какой какая какое какие каких каким какому каком каков какова каково каковы кто кого кому кем ком где куда
      откуда когда почему отчего зачем как сколько чей чья чье чьи такое`,
    sayVerbs: 'говорится сказано пишется написано пишут говорят упоминается сказать',
    more:
      'еще ещe больше подробнее подробней дальше далее продолжай продолжи продолжайте продолжим следующий следующие следующее ' +
      'остальное детали',
    fillers: `пожалуйста плиз пж мне нам расскажи расскажите скажи скажите покажи покажите дай дайте давай можно можешь можете это то же самое
      нибудь что на в по ответ текст версия версию переведи переведите перевод языке язык объясни объясните напиши напишите повтори
      повторите тоже приведи приведите`,
    requests: 'пожалуйста плиз пж приведи приведите дай дайте покажи покажите расскажи расскажите можно можешь можете объясни объясните',
    languages: {
      kk: 'казахский казахском казахски казахскую казахская',
      ru: 'русский русском русски русская русскую',
      en: 'английский английском английски английская английскую',
      original: 'оригинал оригинале оригинальный оригинальном первоисточник подлинник',
    },
    social: {
      greeting: 'привет приветик здравствуйте здравствуй здрасте добрый день вечер утро доброе доброго салам хай всем бот',
      thanks: `спасибо спс благодарю благодарствую большое огромное очень понятно ясно хорошо отлично ок окей ладно супер класс круто понял поняла
        приятно здорово прекрасно замечательно да ага нет`,
      bye: 'пока до свидания свиданья встречи увидимся всего доброго хорошего счастливо прощай',
      chatter: 'лол кек ржу ору ого ух вау хм ой ох ах угу мда интересно забавно смешно прикольно понятненько ясненько',
    },
    socialPhrases: {
      about: `кто ты | ты кто | кто вы | вы кто | что ты умеешь | что ты можешь | что вы умеете | что умеешь | что ты такое | что это за бот |
        как тобой пользоваться | как пользоваться | помощь | помоги | что спросить | что можно спросить | о чем тебя спросить | ты бот`,
      howAreYou: 'как дела | как ты | как вы | как поживаешь | как жизнь | как настроение | что нового',
    },
    ordinals: ['перв*', 'втор*', 'трет*', 'четверт* четвёрт*', 'пят*', 'шест*', 'седьм*', 'восьм*', 'девят*', 'десят*'],
  },
  kk: {
    connectives: 'ал | және | енді | ал енді | сонда | ендеше | ал онда | тағы да | ал мысалы',
    closers: 'ше шы ши',
    anaphora:
      `бұл бұның мұны мұның мұнда осы осының осыны осында сол соның соны сонда ол оның оны онда олар олардың оларды солар мынау ` + `анау`,
    aspects: `неге неліктен не үшін қалай қашан қайда кім кімнің қандай қай қанша мысал мысалы мысалдар мысалға нақты нақтырақ толық себебі
      себеп себепті салдары салдар әсері әсер әсер етеді түрлері түрі түсіндір түсіндірші түсіндіріңіз қысқаша жұмыс істейді қабылданды жазған нөмірі
      қажет керек маңызды`,
    interrogatives: 'не неге неліктен нені кім кімнің кімге кімдер кімдердің қандай қалай қашан қайда қай қанша',
    sayVerbs: 'айтылған айтылады айтады делінген жазылған жазылады',
    more: 'толығырақ толық тағы тағыда жалғастыр жалғастыршы жалғастырыңыз әрі қарай ары келесі қалғаны басқа',
    fillers: `өтінемін өтініш маған бізге айт айтшы айтыңыз көрсет көрсетші көрсетіңіз бер берші беріңіз жаз жазшы жазыңыз аудар аударшы
      аударыңыз тілінде тілінен тілге тілі тіл нұсқасы нұсқа мәтін мәтіні жауап да де ше шы қайтала қайталашы келтір келтірші келтіріңіз не бар`,
    requests:
      'өтінемін өтініш келтір келтірші келтіріңіз бер берші беріңіз айт айтшы айтыңыз көрсет көрсетші көрсетіңіз түсіндір түсіндірші',
    languages: {
      kk: 'қазақша қазақ қазақшасы қазақшаға',
      ru: 'орысша орыс орысшасы орысшаға',
      en: 'ағылшынша ағылшын ағылшыншасы ағылшыншаға',
      original: 'түпнұсқа түпнұсқасы түпнұсқада түпнұсқаны',
    },
    social: {
      greeting: `сәлем сәлеметсіз сәлеметсіздер бе ме сәлемет салем ассалаумағалейкум ассалаумағалейкүм армысыз армысың қайырлы күн таң кеш
        кеш жарық боттым бот`,
      thanks: `рахмет рақмет рахмат көп үлкен алғыс айтамын жақсы түсінікті түсіндім керемет тамаша өте жарайды болады мақұл ок иә жоқ`,
      bye: 'сау бол болыңыз болыңдар көріскенше кездескенше хош қош',
      chatter: 'мәссаған ойбай ой па шіркін қызық қызықты күлкілі ұқтым білдім',
    },
    socialPhrases: {
      about: `сен кімсің | сіз кімсіз | кімсің | кімсіз | не істей аласың | не істей аласыз | не білесің | не білесіз | сен не істейсің |
        қалай пайдаланамын | көмек | көмектес | көмектесші | не сұрауға болады | сен ботсың ба`,
      howAreYou: 'қалайсың | қалайсыз | халың қалай | хал қалай | жағдайың қалай | жағдай қалай | қалың қалай | не жаңалық',
    },
    ordinals: [
      'бірінші* біріншісі',
      'екінші*',
      'үшінші*',
      'төртінші*',
      'бесінші*',
      'алтыншы*',
      'жетінші*',
      'сегізінші*',
      'тоғызыншы*',
      'оныншы*',
    ],
  },
};

/**
 * Laughter as people type it, in any language, once letters typed twice or more are written once
 * ("хааахах" → "хахах"): "haha", "ahah", "hehe", "ахаха", "хехе", "lol", "lmao", "xd". Matched on a
 * whole word, or on a whole message's words run together ("ха-ха", "ha ha"); three letters at least.
 */
export const LAUGHTER = /^(?:[aeioаеио]?(?:[hх][aeiouаеиоыя])+[hх]?|(?:[aа][hх])+[aа]?|l[oua]l|lmf?ao|rofl|kek|кек|лол|xd|хд)$/;

/** Emoji that laugh or grin with tears (😂 🤣 😆 😅 😹): a message of these alone is chatter, not a message with no words. */
export const LAUGHING_EMOJI = /^(?:[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F639}]|\u{FE0F}|\u{200D}|[\s\p{P}]|\p{Emoji_Modifier})+$/u;

/** Ordinals to write into a rewritten question, per language (1–5). */
export const ORDINAL_WORDS: Record<Lang, string[]> = {
  en: ['first', 'second', 'third', 'fourth', 'fifth'],
  ru: ['первый', 'второй', 'третий', 'четвёртый', 'пятый'],
  kk: ['бірінші', 'екінші', 'үшінші', 'төртінші', 'бесінші'],
};

/** What a follow-up may ask about the previous topic instead of naming a new one. */
/**
 * Openers by which a paragraph draws on the one before it ("In this regard, …", "Осыған байланысты …"):
 * asked "why?", the paragraph before is the reason. Written like an aspect's `gives`.
 */
export const BACK_REFERENCES = `осыған байланысты | соған байланысты | сондықтан | осылайша | осыдан | в связи с этим | в этой связи |
  поэтому | таким образом | следовательно | in this regard | in this connection | therefore | hence | thus | accordingly |
  consequently | for this reason | as a result`;

export type AspectId = 'reason' | 'purpose' | 'example' | 'date' | 'effect' | 'place' | 'means';

/** One aspect: how a reader asks for it, how the "↪" line names it, and the article's words that give it. */
export interface AspectWords {
  /** Words of a follow-up that ask for it, per reader language (read like `aspects` above). */
  asks: Record<Lang, string>;
  /** The aspect in the "↪" line, per reader language. */
  label: Record<Lang, string>;
  /**
   * The words and `|`-separated phrases of the article, in any of its three languages, that give it
   * ("for example"); `x*` matches words starting with x, `*x` words ending in x; `#year` is a year in
   * the passage or in a reference it cites.
   */
  gives: string;
  /** Weaker signs of it, written the same way ("in particular" for an example). */
  hints: string;
}

/**
 * The aspects a follow-up asks for ("why?", "give me an example", "when was it adopted?") and the
 * cue words that find, among the passages of the previous topic, the one that answers it.
 */
export const ASPECTS: Record<AspectId, AspectWords> = {
  reason: {
    asks: {
      en: 'why reason reasons cause causes',
      ru: 'почему отчего причина причины причине',
      kk: 'неге неліктен себебі себеп себептері себепті',
    },
    label: { en: 'why', ru: 'почему', kk: 'неге' },
    gives: `себебі | себеп* | сондықтан | осыған байланысты | соған байланысты | *ндіктен | *ндықтан |
      потому | поэтому | поскольку | так как | в связи с этим | причин* | because | since | therefore | hence | accordingly | in this regard | reason*`,
    hints: 'қажет* | талап етеді | тиіс | необходим* | требу* | должн* | need | needs | necessary | necessity | requires | require | must',
  },
  purpose: {
    asks: { en: 'purpose aim goal', ru: 'зачем цель', kk: 'мақсаты мақсат' },
    label: { en: 'what for', ru: 'зачем', kk: 'не үшін' },
    gives: 'мақсат* | цел* | purpose* | aim | aims',
    hints: 'бағытталған | направлен* | aimed',
  },
  example: {
    asks: {
      en: 'example examples instance instances eg kinds kind types type sorts sort such',
      ru: 'пример примеры примера примеров например виды вид типы тип',
      kk: 'мысал мысалы мысалдар мысалға түрлері түрі',
    },
    label: { en: 'examples', ru: 'примеры', kk: 'мысалдар' },
    gives: 'мысалы | мысал* | например | к примеру | for example | for instance',
    hints: `атап айтқанда | соның ішінде | оның ішінде | сияқты | басқа да | түрлер* | в частности | такие как | в том числе | а именно | виды | видов |
      such as | including | in particular | namely | types of | kinds of`,
  },
  date: {
    asks: { en: 'when date year dates', ru: 'когда дата году год', kk: 'қашан жылы күні датасы' },
    label: { en: 'when', ru: 'когда', kk: 'қашан' },
    gives: '#year',
    hints: 'жылғы | қабылдан* | бекітілген | году | принят* | утвержд* | adopted | approved',
  },
  effect: {
    asks: {
      en: 'affect affects effect effects impact consequence consequences lead leads influence',
      ru: 'влияет влияют влияние последствия последствие приводит приведет привести привело приводят',
      kk: 'әсері әсер салдары салдар әкеледі',
    },
    label: { en: 'consequences', ru: 'последствия', kk: 'салдары' },
    gives: `алып кел* | әкел* | салдар* | туындат* | пайда болуына | привод* | привест* | последств* | порожда* | возникновени* |
      lead* | consequence* | give rise | gives rise | giving rise | emergence`,
    hints: 'әсер* | влия* | affect* | impact*',
  },
  place: {
    asks: { en: 'where', ru: 'где', kk: 'қайда' },
    label: { en: 'where', ru: 'где', kk: 'қайда' },
    gives: 'университет* | институт* | university | institute',
    hints: 'астана | astana | ташкент | tashkent | көшесі | street | str | улица | ул | даңғылы | проспект | avenue',
  },
  means: {
    asks: { en: 'how', ru: 'как', kk: 'қалай' },
    label: { en: 'how', ru: 'как', kk: 'қалай' },
    gives: 'тетік* | механизм* | mechanism* | by means | посредством | путем',
    hints: 'арқылы | through | с помощью | через',
  },
};
