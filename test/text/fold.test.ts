import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, hasKazakhLetters, kazakhLatinToCyrillic, russianLatinToCyrillic, stem, words } from '../../src/text/fold.js';

describe('fold', () => {
  it('returns Kazakh letters as the Russian-keyboard letters people type instead', () => {
    expect(fold('әғқңөұүһі')).toBe('агкноуухи');
    expect(fold('ӘҒҚҢӨҰҮҺІ')).toBe('агкноуухи');
    expect(fold('заң қашан қабылданды')).toBe('зан кашан кабылданды');
  });

  it('returns lower case, ё as е and ј as й', () => {
    expect(fold('ҚАЗАҚСТАН Республикасы')).toBe('казакстан республикасы');
    expect(fold('Ёлка Јеконмикалық AI')).toBe('елка йеконмикалык ai');
  });

  it('returns the text without soft hyphens and zero-width characters', () => {
    expect(fold('заң\u00ADды\u200B \u200Cкүш\u2060\uFEFF')).toBe('занды куш');
  });

  it('returns composed letters (NFC) before folding', () => {
    expect(fold('и\u0306')).toBe('й');
    expect(fold('е\u0308')).toBe('е');
  });

  it('returns the same text when folded twice, with no Kazakh-only letter left (property)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'әғқңөұүһіӘҒҚҢӨҰҮҺІабвЁёaB \u00AD\u200B.') });
    fc.assert(
      fc.property(text, (t) => {
        const once = fold(t);
        expect(fold(once)).toBe(once);
        expect(/[әғқңөұүһіё\u00AD\u200B]/.test(once)).toBe(false);
      }),
    );
  });
});

describe('kazakhLatinToCyrillic', () => {
  it('returns Kazakh Latin as folded Cyrillic', () => {
    expect(kazakhLatinToCyrillic('Jasandy intellekt turaly zań')).toBe('жасанды интеллект туралы зан');
    expect(kazakhLatinToCyrillic('Qazaqstan')).toBe('казакстан');
    expect(kazakhLatinToCyrillic('Shyǵys, chempıon, zhol, Tsentr')).toBe('шыгыс, чемпион, жол, центр');
    expect(kazakhLatinToCyrillic('ÁĞÑÖÜŪŞÇ')).toBe('агноуушч');
  });

  it('returns digits, punctuation and Cyrillic unchanged', () => {
    expect(kazakhLatinToCyrillic('2025 ж. — «заң»?')).toBe('2025 ж. — «заң»?');
  });

  it('returns ý of the 2018 alphabet as у', () => {
    expect(kazakhLatinToCyrillic('Jasandy intellekt týraly zań')).toBe('жасанды интеллект туралы зан');
  });
});

describe('kazakhLatinToCyrillic (the 2021 alphabet)', () => {
  it('returns ı (і in 2021) and ä, ñ, ū, ü, ö, ş, ğ as the folded Cyrillic letters', () => {
    expect(
      ['Zertteu ädısterı qandai?', 'Zertteudıñ qorytyndysy', 'Ūlttyq', 'negızgı sözder', 'şeşım', 'ğylym'].map(kazakhLatinToCyrillic),
    ).toEqual(['зерттеу адистери кандай?', 'зерттеудин корытындысы', 'улттык', 'негизги создер', 'шешим', 'гылым']);
  });
});

describe('russianLatinToCyrillic', () => {
  it('returns Russian typed in Latin letters as Cyrillic: digraphs first, y as ы (й after a vowel at the end of a word)', () => {
    expect(
      ['kakie vyvody v statye?', 'kakoy zakon', 'shchit i zhurnal', "obyazatel'stvo", 'kto avtory?'].map(russianLatinToCyrillic),
    ).toEqual(['какие выводы в статые?', 'какой закон', 'щит и журнал', 'обязательство', 'кто авторы?']);
  });
});

describe('kazakhLatinToCyrillic (informal spelling)', () => {
  it('returns an i or ı after a vowel and before a consonant or the end as й', () => {
    expect(['qandai', 'qandaı', 'Saimova qaida jumys isteidi', 'aielder'].map(kazakhLatinToCyrillic)).toEqual([
      'кандай',
      'кандай',
      'саймова кайда жумыс истейди',
      'аиелдер',
    ]);
  });
});

describe('words', () => {
  it('returns the folded words and numbers, hyphenated words as their parts', () => {
    expect(words('Заңның күші — 2025 жылы!')).toEqual(['заннын', 'куши', '2025', 'жылы']);
    expect(words('формальды-құқықтық әдіс, 3.5%')).toEqual(['формальды', 'кукыктык', 'адис', '3', '5']);
    expect(words('  ...  ')).toEqual([]);
  });
});

describe('words (Russian stump compounds)', () => {
  it('spells out нац-, гос-, соц- before a word of their own, and leaves the full words alone', () => {
    expect(words('ИИ и нацбезопасность, госорганы, соцзащита')).toEqual([
      'ии',
      'и',
      'национальная',
      'безопасность',
      'государственный',
      'органы',
      'социальный',
      'защита',
    ]);
    expect(words('национальной государственных социальные наций соцсети')).toEqual([
      'национальной',
      'государственных',
      'социальные',
      'наций',
      'соцсети',
    ]);
  });
});

describe('stem', () => {
  it('returns the same stem for a Kazakh word and its inflected form (on folded words)', () => {
    expect(stem(fold('заңының'), 'kk')).toBe('зан');
    expect(stem(fold('заң'), 'kk')).toBe('зан');
    expect(stem(fold('заңдарының'), 'kk')).toBe('зан');
    expect(stem(fold('нәтижелері'), 'kk')).toBe(stem(fold('нәтиже'), 'kk'));
  });

  it('returns Russian words without their ending', () => {
    expect(stem('законе', 'ru')).toBe('закон');
    expect(stem('закона', 'ru')).toBe('закон');
    expect(stem('закон', 'ru')).toBe('закон');
    expect(stem('регулирования', 'ru')).toBe('регули');
  });

  it('returns Latin words by the English rules whatever the language asked for', () => {
    expect(stem('findings', 'en')).toBe('find');
    expect(stem('findings', 'kk')).toBe('find');
    expect(stem('liability', 'ru')).toBe('liabil');
    expect(stem('ai', 'en')).toBe('ai');
  });

  it('returns numbers whole', () => {
    expect(stem('2025')).toBe('2025');
    expect(stem('230')).toBe('230');
  });

  it('returns the compound prefix plus four letters, so киберқалқан and киберқауіпсіздік differ', () => {
    expect(stem(fold('киберқалқан'))).toBe('киберкалк');
    expect(stem(fold('киберқауіпсіздік'))).toBe('киберкауи');
    expect(stem('кибершабуылдар')).toBe('кибершабу');
    expect(stem('cyberattacks', 'en')).toBe('cyberatta');
  });

  it('returns at most `len` letters of a Russian or English word', () => {
    expect(stem('интеллект', 'ru')).toBe('интелл');
    expect(stem('интеллект', 'ru', 3)).toBe('инт');
    expect(stem('regulation', 'en')).toBe('regula');
  });

  it('returns the same stem for the unfolded doc example', () => {
    expect(stem('заңының', 'kk')).toBe(stem('заң', 'kk'));
  });
});

describe('stem (inflections people type)', () => {
  it('returns one stem for a Kazakh word whose final к became г before a vowel ending', () => {
    expect(['ерекшелігі', 'ерекшелиги', 'ерекшеліктері', 'ерекшеліктерін'].map((w) => stem(w, 'kk'))).toEqual([
      'ерекше',
      'ерекше',
      'ерекше',
      'ерекше',
    ]);
  });

  it('returns one stem for a Kazakh verb in the present tense, as a verbal noun and inflected', () => {
    expect(['реттейді', 'реттеу', 'реттеуге', 'реттеудің'].map((w) => stem(w, 'kk'))).toEqual(['рет', 'рет', 'рет', 'рет']);
    expect(['қарастырады', 'қарастырылады'].map((w) => stem(w, 'kk'))).toEqual(['карастыр', 'карастыр']);
    expect(stem('жасалатын', 'kk')).toBe('жасала');
    expect([stem('ерекшеленеді', 'kk'), stem('пайдалану', 'kk')]).toEqual(['ерекше', 'пайдалан']);
  });

  it('returns one stem for Russian nouns ending in a soft sign and English words with and without a final e', () => {
    expect(['статья', 'статьи', 'статью', 'статьей'].map((w) => stem(w, 'ru'))).toEqual(['стат', 'стат', 'стат', 'стат']);
    expect(['misuse', 'misusing', 'regulate', 'regulated'].map((w) => stem(w, 'en'))).toEqual(['misus', 'misus', 'regula', 'regula']);
  });
});

describe('hasKazakhLetters', () => {
  it('returns true for a letter only Kazakh uses, in either case, and false for Russian or Latin text', () => {
    expect(['заң', 'ҚАЗАҚ', 'Өзбекстан', 'үлес', 'Іс'].map(hasKazakhLetters)).toEqual([true, true, true, true, true]);
    expect(['закон', 'ЗАКОН', 'zań', 'ёж'].map(hasKazakhLetters)).toEqual([false, false, false, false]);
  });
});
