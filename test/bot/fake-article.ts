/* Real paragraphs of the article (corpus/article.txt, corpus/translations.json) for the fake service. */
import type { Lang } from '../../src/corpus/types.js';

/** One paragraph of the article in its three languages. */
export interface FakePlace {
  sectionId: string;
  position: number;
  text: Record<Lang, string>;
  official: Record<Lang, boolean>;
  /** Lower-case word prefixes: a question containing one of them finds this place. */
  keywords: string[];
  /** Sections that repeat the paragraph. */
  alsoIn: string[];
}

export const PLACES: FakePlace[] = [
  {
    sectionId: 'abstract',
    position: 1,
    text: {
      kk:
        'Аңдатпа. Мақалада жасанды интеллект технологияларын қолданудың құқықтық мәселелері қарастырылады. Зерттеудің мақсаты – ' +
        'жасанды интеллектті пайдалану саласындағы құқықтық реттеудің негізгі бағыттарын талдау және Қазақстан Республикасындағы ' +
        'қолданыстағы заңнаманы жетілдіру мәселелерін айқындау.',
      ru:
        'Аннотация. В статье рассматриваются правовые проблемы использования технологий искусственного интеллекта. Цель исследования – ' +
        'анализ основных направлений правового регулирования использования искусственного интеллекта и определение путей ' +
        'совершенствования действующего законодательства Республики Казахстан.',
      en:
        'Annotation. The article examines the legal issues related to the use of artificial intelligence technologies. The purpose of ' +
        'the study is to analyze the main directions of legal regulation of the use of artificial intelligence and to identify ways to ' +
        'improve the current legislation of the Republic of Kazakhstan.',
    },
    official: { kk: true, ru: true, en: true },
    keywords: ['мақсат', 'цель', 'purpose', 'aim', 'annotation', 'аннотац', 'аңдатпа'],
    alsoIn: [],
  },
  {
    sectionId: 'discussion',
    position: 3,
    text: {
      kk:
        'Қазақстан Республикасында ақпараттық технологиялар мен цифрлық инфрақұрылымды дамыту мақсатында бірқатар нормативтік құқықтық ' +
        'актілер қабылданған. Олардың қатарында «Ақпаратқа қол жеткізу туралы» Қазақстан Республикасының Заңы [1], «Ақпараттандыру ' +
        'туралы» Қазақстан Республикасының Заңы [2], сондай-ақ Қазақстан Республикасы Үкіметінің 2024 жылғы 24 шілдедегі №592 ' +
        'қаулысымен бекітілген «Жасанды интеллектті дамытудың 2024-2029 жылдарға арналған тұжырымдамасы» бар [3].',
      ru:
        'В Республике Казахстан в целях развития информационных технологий и цифровой инфраструктуры принят ряд нормативных правовых ' +
        'актов. К их числу относятся Закон Республики Казахстан «О доступе к информации» [1], Закон Республики Казахстан «Об ' +
        'информатизации» [2], а также «Концепция развития искусственного интеллекта на 2024–2029 годы», утверждённая постановлением ' +
        'Правительства Республики Казахстан от 24 июля 2024 года № 592 [3].',
      en:
        'In the Republic of Kazakhstan, a number of regulatory legal acts have been adopted for the purpose of developing information ' +
        'technologies and digital infrastructure. These include the Law of the Republic of Kazakhstan "On Access to Information" [1], ' +
        'the Law of the Republic of Kazakhstan "On Informatization" [2], as well as the "Concept for the Development of Artificial ' +
        'Intelligence for 2024–2029" approved by Resolution of the Government of the Republic of Kazakhstan No. 592 of 24 July 2024 ' +
        '[3].',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['act', 'актіл', 'актов', 'informati', 'ақпарат', 'информа', 'concept', 'концепц', 'тұжырымдама', '2024'],
    alsoIn: ['introduction'],
  },
  {
    sectionId: 'discussion',
    position: 4,
    text: {
      kk:
        'Аталған құжаттар жасанды интеллект технологияларын дамыту үшін институционалдық және ұйымдастырушылық негіздерді ' +
        'қалыптастыруға бағытталған. Сонымен қатар Қазақстан Республикасында жасанды интеллект саласын құқықтық реттеудің негізгі ' +
        'қағидаттары «Жасанды интеллект туралы» Қазақстан Республикасының заңында бекітілген [18]. Бұл заң жасанды интеллект ' +
        'технологияларын дамыту, пайдалану және қауіпсіздігін қамтамасыз ету саласындағы қоғамдық қатынастарды реттеуге бағытталған.',
      ru:
        'Указанные документы направлены на формирование институциональных и организационных основ для развития технологий ' +
        'искусственного интеллекта. Кроме того, основные принципы правового регулирования сферы искусственного интеллекта в Республике ' +
        'Казахстан закреплены в Законе Республики Казахстан «Об искусственном интеллекте» [18]. Данный Закон направлен на ' +
        'регулирование общественных отношений в сфере развития, использования и обеспечения безопасности технологий искусственного ' +
        'интеллекта.',
      en:
        'These documents are aimed at establishing the institutional and organizational foundations for the development of artificial ' +
        'intelligence technologies. In addition, the main principles of legal regulation of the field of artificial intelligence in the ' +
        'Republic of Kazakhstan are fixed in the Law of the Republic of Kazakhstan "On Artificial Intelligence" [18]. This Law is ' +
        'aimed at regulating social relations in the field of the development, use and safety of artificial intelligence technologies.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['law', 'заң', 'закон', 'kazakhstan', 'қазақстан', 'казахстан', 'regulat', 'реттей', 'регулир'],
    alsoIn: [],
  },
  {
    sectionId: 'methods',
    position: 3,
    text: {
      kk:
        'Формальды-құқықтық әдіс Қазақстан Республикасының қолданыстағы заңнамасын, оның ішінде ақпараттық технологиялар, ' +
        'киберқауіпсіздік, дербес деректерді қорғау және зияткерлік меншік саласындағы нормативтік құқықтық актілерді талдау үшін ' +
        'пайдаланылды. Сонымен қатар Қазақстан Республикасында қабылданған «Жасанды интеллект туралы» заңның негізгі ережелері, ' +
        'сондай-ақ осы саладағы мемлекеттік саясатты айқындайтын стратегиялық құжаттар зерттелді [18].',
      ru:
        'Формально-правовой метод использовался для анализа действующего законодательства Республики Казахстан, в том числе ' +
        'нормативных правовых актов в сфере информационных технологий, кибербезопасности, защиты персональных данных и интеллектуальной ' +
        'собственности. Кроме того, были изучены основные положения принятого в Республике Казахстан Закона «Об искусственном ' +
        'интеллекте», а также стратегические документы, определяющие государственную политику в данной сфере [18].',
      en:
        'The formal legal method was used to analyze the current legislation of the Republic of Kazakhstan, including regulatory legal ' +
        'acts in the fields of information technology, cybersecurity, personal data protection and intellectual property. In addition, ' +
        'the main provisions of the Law "On Artificial Intelligence" adopted in the Republic of Kazakhstan, as well as the strategic ' +
        'documents defining state policy in this field, were examined [18].',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['method', 'әдіс', 'метод', 'legislation', 'заңнама', 'законодател'],
    alsoIn: [],
  },
  {
    sectionId: 'results/finding-1',
    position: 1,
    text: {
      kk:
        'Біріншіден, жасанды интеллект технологияларының қарқынды дамуы құқықтық реттеудің жаңа бағыттарын қалыптастыруды талап етеді. ' +
        'Жасанды интеллект жүйелері қоғамдық қатынастардың көптеген салаларына әсер ететіндіктен, оларды құқықтық тұрғыдан реттеу ' +
        'кешенді сипатта жүзеге асырылуы тиіс.',
      ru:
        'Во-первых, стремительное развитие технологий искусственного интеллекта требует формирования новых направлений правового ' +
        'регулирования. Поскольку системы искусственного интеллекта оказывают влияние на многие сферы общественных отношений, их ' +
        'правовое регулирование должно осуществляться комплексно.',
      en:
        'First, the rapid development of artificial intelligence technologies requires the formation of new directions of legal ' +
        'regulation. Since artificial intelligence systems affect many spheres of social relations, their legal regulation must be ' +
        'carried out in a comprehensive manner.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['finding', 'тұжырым', 'вывод', 'direction', 'бағыт', 'направлен'],
    alsoIn: [],
  },
  {
    sectionId: 'results/finding-2',
    position: 1,
    text: {
      kk:
        'Екіншіден, Қазақстан Республикасында жасанды интеллект технологияларын дамытуға бағытталған нормативтік құқықтық және ' +
        'стратегиялық құжаттар қалыптасқанымен, осы саладағы құқықтық реттеуді одан әрі жетілдіру қажеттілігі сақталып отыр. Бұл әсіресе ' +
        'дербес деректерді қорғау, киберқауіпсіздік, зияткерлік меншік құқықтары және жасанды интеллект жүйелерінің жауапкершілігі ' +
        'мәселелеріне қатысты.',
      ru:
        'Во-вторых, несмотря на то что в Республике Казахстан сформированы нормативные правовые и стратегические документы, ' +
        'направленные на развитие технологий искусственного интеллекта, сохраняется необходимость дальнейшего совершенствования ' +
        'правового регулирования в данной сфере. Это особенно касается вопросов защиты персональных данных, кибербезопасности, прав ' +
        'интеллектуальной собственности и ответственности систем искусственного интеллекта.',
      en:
        'Second, although regulatory legal and strategic documents aimed at the development of artificial intelligence technologies ' +
        'have been put in place in the Republic of Kazakhstan, there remains a need for further improvement of legal regulation in this ' +
        'field. This applies in particular to the issues of personal data protection, cybersecurity, intellectual property rights and ' +
        'the liability of artificial intelligence systems.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['finding', 'тұжырым', 'вывод', 'personal data', 'дербес', 'персональн', 'cyber', 'кибер'],
    alsoIn: [],
  },
  {
    sectionId: 'results/finding-3',
    position: 1,
    text: {
      kk:
        'Үшіншіден, халықаралық тәжірибені талдау жасанды интеллектті құқықтық реттеу барысында тәуекелге негізделген тәсілді ' +
        'қолданудың тиімділігін көрсетеді. Еуропалық Одақтың AI Акт құқықтық актісінде жасанды интеллект жүйелерін тәуекел деңгейіне ' +
        'қарай жіктеу арқылы оларды қолданудың құқықтық талаптары белгіленген.',
      ru:
        'В-третьих, анализ международного опыта свидетельствует об эффективности применения риск-ориентированного подхода при правовом ' +
        'регулировании искусственного интеллекта. В правовом акте Европейского союза – Законе ЕС об искусственном интеллекте (AI Act) – ' +
        'правовые требования к применению систем искусственного интеллекта установлены посредством их классификации по уровню риска.',
      en:
        'Third, the analysis of international experience demonstrates the effectiveness of applying a risk-based approach in the legal ' +
        "regulation of artificial intelligence. In the European Union's legal act, the AI Act, the legal requirements for the use of " +
        'artificial intelligence systems are established by classifying them according to their level of risk.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['finding', 'тұжырым', 'вывод', 'risk', 'тәуекел', 'риск', 'ai act', 'europe', 'еуропа', 'европ'],
    alsoIn: [],
  },
  {
    sectionId: 'results/finding-4',
    position: 1,
    text: {
      kk:
        'Төртіншіден, жасанды интеллект технологияларын қолдану қылмыстық құқық саласында да жаңа құқықтық мәселелердің пайда болуына ' +
        'алып келеді. Осыған байланысты жасанды интеллектті пайдалану арқылы жасалған құқық бұзушылықтар үшін құқықтық жауапкершілік ' +
        'мәселелерін нақтылау қажеттілігі анықталды.',
      ru:
        'В-четвёртых, применение технологий искусственного интеллекта приводит к возникновению новых правовых проблем и в сфере ' +
        'уголовного права. В связи с этим выявлена необходимость уточнения вопросов юридической ответственности за правонарушения, ' +
        'совершённые с использованием искусственного интеллекта.',
      en:
        'Fourth, the application of artificial intelligence technologies also gives rise to new legal problems in the field of ' +
        'criminal law. In this regard, the need to clarify the issues of legal liability for offences committed through the use of ' +
        'artificial intelligence has been identified.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['finding', 'тұжырым', 'вывод', 'criminal', 'қылмыс', 'уголов', 'liabil', 'жауапкер', 'ответствен'],
    alsoIn: [],
  },
  {
    sectionId: 'results/finding-5',
    position: 1,
    text: {
      kk:
        'Бесіншіден, жасанды интеллект технологияларының дамуы ұлттық қауіпсіздік, ақпараттық қауіпсіздік және деректерді қорғау ' +
        'салаларымен тығыз байланысты. Сондықтан жасанды интеллектті пайдалану барысында қауіпсіздік талаптарын күшейту және құқықтық ' +
        'бақылау механизмдерін жетілдіру маңызды болып табылады.',
      ru:
        'В-пятых, развитие технологий искусственного интеллекта тесно связано со сферами национальной безопасности, информационной ' +
        'безопасности и защиты данных. Поэтому при использовании искусственного интеллекта важное значение имеют усиление требований ' +
        'безопасности и совершенствование механизмов правового контроля.',
      en:
        'Fifth, the development of artificial intelligence technologies is closely linked to the fields of national security, ' +
        'information security and data protection. Therefore, in the use of artificial intelligence, it is important to strengthen ' +
        'security requirements and to improve legal oversight mechanisms.',
    },
    official: { kk: true, ru: false, en: false },
    keywords: ['finding', 'тұжырым', 'вывод', 'security', 'қауіпсіз', 'безопасн'],
    alsoIn: [],
  },
];

/** Reference entries as published in the Kazakh reference list. */
export const REFERENCES: Record<number, string> = {
  1:
    '1. Қазақстан Республикасы (2015) «Ақпаратқа қол жеткізу туралы» Заңы, 16 қараша. Қолжетімді: <https://adilet.zan.kz/> (Қол ' +
    'жеткізілген күні: 15 желтоқсан 2025 ж.).',
  2:
    '2. Қазақстан Республикасы (2015) «Ақпараттандыру туралы» Заңы, 24 қараша. Қолжетімді: <https://adilet.zan.kz/> (Қол жеткізілген ' +
    'күні: 15 желтоқсан 2025 ж.).',
  3:
    '3. Қазақстан Республикасы Үкіметі (2024) «Жасанды интеллектті дамытудың 2024–2029 жылдарға арналған тұжырымдамасы», 24 шілде № 592 ' +
    'қаулы. Қолжетімді: <https://adilet.zan.kz/> (Қол жеткізілген күні: 15 желтоқсан 2025 ж.).',
  18:
    '18. Қазақстан Республикасы (2025) «Жасанды интеллект туралы» Заңы, 17 қараша № 230-VIII ҚРЗ. Қолжетімді: <https://adilet.zan.kz/> ' +
    '(Қол жеткізілген күні: 20 қаңтар 2026 ж.).',
};
