import { describe, expect, it } from 'vitest';
import { isIntroductionOnly, withoutIntroduction } from '../../src/text/introduction.js';

describe('withoutIntroduction', () => {
  it('returns the question after the clauses in which the reader introduces themselves, in each language', () => {
    expect(
      [
        'My name is Aigerim. What are the findings?',
        'Hi! I study at Narxoz. What methods did the authors use?',
        "Hello, I am a law student at KazNU and I'm writing my term paper … what should change in the law?",
        "I'm a lawyer, what does the article say about liability?",
        'Меня зовут Айгерим, какие выводы в статье?',
        'Здравствуйте! Я студентка КазНУ. Какова цель статьи?',
        'Сәлем! Мен ҚазҰУ-да оқимын. Мақаланың мақсаты қандай?',
        'Менің атым Айгерим, тұжырымдар қандай?',
        'Мен Нархозда окимын, зерттеу адистери кандай?',
        "I'm a law student at KazNU, writing a term paper. which law regulates AI in Kazakhstan?",
        'Hi, I am Aida. What are the findings?',
        'Привет, я Аида, студентка юрфака. Какие выводы в статье?',
        'Сәлеметсіз бе, мен мемлекеттік қызметшімін. Киберқауіпсіздік туралы не айтылған?',
        'Menya zovut Aida, kakie vyvody?',
        'Менин атым Дана, макаланын корытындылары кандай?',
      ].map(withoutIntroduction),
    ).toEqual([
      'What are the findings?',
      'What methods did the authors use?',
      'what should change in the law?',
      'what does the article say about liability?',
      'какие выводы в статье?',
      'Какова цель статьи?',
      'Мақаланың мақсаты қандай?',
      'тұжырымдар қандай?',
      'зерттеу адистери кандай?',
      'which law regulates AI in Kazakhstan?',
      'What are the findings?',
      'Какие выводы в статье?',
      'Киберқауіпсіздік туралы не айтылған?',
      'kakie vyvody?',
      'макаланын корытындылары кандай?',
    ]);
  });

  it('returns the text unchanged when it does not open with an introduction, or when nothing else is left', () => {
    const unchanged = [
      'I am interested in the findings, especially the third',
      'What is the risk-based approach?',
      'My name is Aigerim',
      'Мен бұл мақаланы оқыдым, тұжырымдар қандай?',
      'Мен түсінбедім, неге?',
    ];
    expect(unchanged.map(withoutIntroduction)).toEqual(unchanged);
  });

  it('tells a message that only introduces the reader from one that asks something', () => {
    expect(
      ["Hi, I'm Aida", 'Сәлем, менің атым Айгерім', 'Меня зовут Аида', 'Меня зовут Аида, какие выводы?', 'What are the findings?'].map(
        isIntroductionOnly,
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
