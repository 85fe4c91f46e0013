/**
 * Word lists for matching spoken Norwegian against a guide. They are general
 * Norwegian, not tied to one guide or to the evaluation set: spoken fillers,
 * function words, dialect and nynorsk spellings mapped to bokmål, and groups of
 * words that mean the same in an interview.
 */

/** Spoken fillers and back-channel words: dropped before matching. */
export const FILLERS: readonly string[] = [
  'eh', 'ehm', 'eeh', 'ehh', 'æh', 'æhm', 'øh', 'øhm', 'øøh', 'hm', 'hmm', 'mm', 'mmm', 'mhm', 'mhmm', 'aha', 'ah', 'åh', 'oi',
  'liksom', 'lissom', 'altså', 'asså', 'ass', 'sånn', 'slik', 'jo', 'vel', 'egentlig', 'faktisk', 'okei', 'ok', 'ja', 'jaha',
  'nei', 'neida', 'jada', 'javel', 'greit', 'skjønner', 'nettopp', 'akkurat', 'kult', 'fint',
];

/** Filler phrases of several words ("ikke sant", "vet du"). Matched after variants are mapped. */
export const FILLER_PHRASES: readonly string[] = ['ikke sant', 'vet du', 'skjønner du', 'på en måte', 'for å si det sånn', 'hva heter det'];

/**
 * Dialect, nynorsk and spoken spellings → bokmål. Applied to whole words before
 * stemming, so "korleis" and "koss" match "hvordan", "ikkje" matches "ikke".
 */
export const VARIANTS: Readonly<Record<string, string>> = {
  // question words
  kva: 'hva', ka: 'hva', kå: 'hva', va: 'hva', hvafor: 'hvorfor', kvifor: 'hvorfor', koffor: 'hvorfor', kafor: 'hvorfor', åffer: 'hvorfor',
  korleis: 'hvordan', koss: 'hvordan', korsn: 'hvordan', kossen: 'hvordan', åssen: 'hvordan', hossen: 'hvordan', åsså: 'hvordan',
  kven: 'hvem', kem: 'hvem', kæm: 'hvem', kor: 'hvor', kvar: 'hvor', kvifor_: 'hvorfor', kva_slags: 'hvilken', kva_for: 'hvilken',
  kvifølgje: 'hvorfor', korfor: 'hvorfor', kordan: 'hvordan', kolles: 'hvordan', kvaslags: 'hvilken',
  // pronouns
  eg: 'jeg', æ: 'jeg', jæ: 'jeg', je: 'jeg', i: 'i', mæ: 'meg', dæ: 'deg', sæ: 'seg', dokker: 'dere', dykk: 'dere', dåkker: 'dere', dekk: 'dere',
  me: 'vi', mi: 'vi', oss: 'oss', dei: 'de', dem: 'dem', noko: 'noe', nokon: 'noen', nokre: 'noen', nåkka: 'noe', nånn: 'noen', nån: 'noen',
  ingenting: 'ingenting', ikkje: 'ikke', ikkj: 'ikke', itte: 'ikke', ente: 'ikke', inte: 'ikke', sjøl: 'selv', sjølv: 'selv',
  // adverbs and small words
  no: 'nå', då: 'da', frå: 'fra', heime: 'hjemme', heim: 'hjem', heimanfrå: 'hjemmefra', heimefrå: 'hjemmefra', hjemmafra: 'hjemmefra',
  berre: 'bare', berra: 'bare', au: 'også', òg: 'også', óg: 'også', mykje: 'mye', mykkje: 'mye', veldig: 'veldig', kanskje: 'kanskje',
  saman: 'sammen', samen: 'sammen', medan: 'mens', mellom: 'mellom', etter: 'etter', førre: 'forrige', aldri: 'aldri', alltid: 'alltid',
  // verbs
  er: 'er', var: 'var', vore: 'vært', vorte: 'blitt', blei: 'ble', vert: 'blir', seie: 'si', seia: 'si', sei: 'si', sa: 'sa',
  byrja: 'begynte', byrje: 'begynne', byrjar: 'begynner', begynt: 'begynt', leggje: 'legge', leggja: 'legge', velje: 'velge', velja: 'velge',
  sjå: 'se', gjere: 'gjøre', gjer: 'gjør', gjera: 'gjøre', høyre: 'høre', kjem: 'kommer', kome: 'komme', bur: 'bor', budde: 'bodde',
  fekk: 'fikk', valde: 'valgte', trefte: 'traff', samanlikna: 'sammenlignet', samanlikne: 'sammenligne', sakna: 'savnet', sakne: 'savne', saknar: 'savner', sakner: 'savner',
  trur: 'tror', tykkjer: 'synes', syns: 'synes', synst: 'synes', handterte: 'håndterte', handtere: 'håndtere', snakka: 'snakket', prata: 'pratet',
  // nouns
  veke: 'uke', veka: 'uka', vekene: 'ukene', arbeidsveke: 'arbeidsuke', arbeidsveka: 'arbeidsuka', tida: 'tiden', tid: 'tid', åra: 'årene',
  einsemd: 'ensomhet', einsemda: 'ensomheten', einsam: 'ensom', einsame: 'ensomme', leiinga: 'ledelsen', leiing: 'ledelse', leiar: 'leder',
  leiaren: 'lederen', sjukepleiar: 'sykepleier', sjukepleiarar: 'sykepleiere', sjukehus: 'sykehus', ungdomsskulen: 'ungdomsskolen',
  skule: 'skole', skulen: 'skolen', stad: 'sted', same: 'samme', vanleg: 'vanlig', vanlege: 'vanlige', ein: 'en', eit: 'et', ei: 'en',
  kollega: 'kollega', kollegaene: 'kollegene', kollegaer: 'kolleger', ungane: 'ungene', borna: 'barna', born: 'barn', hjelpetenesta: 'hjelpetjenesten',
  hjelpetenester: 'hjelpetjenester', teneste: 'tjeneste', fritida: 'fritiden', arbeidsdagen: 'arbeidsdagen', legane: 'legene', jobbar: 'jobber',
  jobba: 'jobbet', jobbe: 'jobbe', skilde: 'skilte', skilje: 'skille', kjensle: 'følelse', kjende: 'kjente', kjenne: 'kjenne', endra: 'endret',
  forandra: 'forandret', korona: 'pandemien', koronaen: 'pandemien', covid: 'pandemien', koronatida: 'pandemien', nedstenginga: 'nedstengningen',
  tiltaka: 'tiltakene', åpna: 'åpnet', opna: 'åpnet', opne: 'åpne', slutta: 'sluttet', vidaregåande: 'videregående',
  // the -an plural of Trøndelag and Northern Norway
  kompisan: 'kompisene', vennan: 'vennene', ungan: 'ungene', kollegan: 'kollegene', jentan: 'jentene', gutan: 'guttene',
};

/** Endings of nynorsk and dialect forms that have a bokmål form: -leg → -lig ("vanleg", "vanskelegaste"). */
export const SUFFIX_VARIANTS: readonly (readonly [RegExp, string])[] = [
  [/(.{3,})leg(e|a|ast|aste|are)?$/u, '$1lig$2'],
  [/(.{3,})ing(a)$/u, '$1ingen'],
];

/** Function words and words too common in interviews to say which question is meant. */
export const STOPWORDS: readonly string[] = [
  'og', 'i', 'jeg', 'det', 'at', 'en', 'et', 'den', 'til', 'er', 'som', 'på', 'de', 'med', 'han', 'av', 'ikke', 'der', 'så', 'var',
  'meg', 'seg', 'men', 'ett', 'har', 'om', 'vi', 'min', 'mitt', 'mine', 'ha', 'hadde', 'hun', 'nå', 'over', 'da', 'ved', 'fra', 'du',
  'ut', 'sin', 'sitt', 'sine', 'dem', 'oss', 'opp', 'man', 'kan', 'hans', 'hvor', 'eller', 'hva', 'skal', 'selv', 'sjøl', 'her', 'alle',
  'vil', 'bli', 'ble', 'blitt', 'blir', 'kunne', 'inn', 'når', 'være', 'vært', 'kom', 'noen', 'noe', 'ville', 'dere', 'deres', 'kun',
  'ja', 'enn', 'dette', 'disse', 'deg', 'din', 'ditt', 'dine', 'hvem', 'hvordan', 'hvorfor', 'hvilken', 'hvilke', 'hvis', 'dersom',
  'mens', 'også', 'bare', 'litt', 'mye', 'mer', 'mest', 'veldig', 'helt', 'gjerne', 'kanskje', 'vel', 'jo', 'nok', 'sånn', 'slik',
  'da', 'der', 'dit', 'her', 'hit', 'seg', 'sa', 'si', 'sier', 'tror', 'synes', 'tenker', 'tenke', 'gang', 'ganger', 'nei',
  'får', 'få', 'fikk', 'gjør', 'gjøre', 'gjorde', 'gjort', 'går', 'gå', 'gikk', 'både', 'hver', 'hele', 'sammen', 'andre', 'annet',
  'ingen', 'ingenting', 'alt', 'kunne', 'må', 'måtte', 'burde', 'skulle', 'mer', 'ting', 'folk', 'igjen', 'altså', 'egentlig',
  'for', 'etter', 'under', 'uten', 'mellom', 'før', 'siden', 'fordi', 'heller', 'likevel', 'bestemt', 'nettopp', 'spesielt', 'samme',
];

/**
 * Words that mean the same in an interview. Each group is matched as one word
 * (after stemming). General Norwegian; add a guide's own terms through the
 * `synonyms` option of the matcher.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['snakke', 'prate', 'samtale', 'diskutere'],
  ['savne', 'savnet', 'savner', 'lengte'],
  ['endre', 'endret', 'forandre', 'forandret', 'annerledes', 'endring', 'forandring'],
  ['vanskelig', 'vanskeligst', 'vanskeligste', 'tøff', 'tøffeste', 'tøft', 'tungt', 'krevende', 'utfordrende', 'utfordring', 'verst'],
  ['vanlig', 'typisk', 'normal', 'alminnelig'],
  ['jobb', 'jobbe', 'jobber', 'jobbet', 'arbeid', 'arbeide', 'arbeidet', 'jobben'],
  ['barn', 'barna', 'unger', 'ungene', 'ungen', 'småbarn'],
  ['lett', 'lettere', 'enkel', 'enklere', 'lettest', 'enklest'],
  ['kollega', 'kolleger', 'kollegaer', 'kollegene', 'kollegaene', 'medarbeider', 'medarbeidere'],
  ['pandemi', 'pandemien', 'korona', 'covid', 'koronapandemien', 'nedstengning', 'nedstengningen', 'lockdown'],
  ['venn', 'venner', 'vennene', 'venninne', 'venninner', 'kompis', 'kompiser', 'kamerat', 'kamerater', 'vennegjeng', 'vennegjengen', 'gjeng', 'gjengen'],
  ['trening', 'trene', 'trent', 'trener', 'treningene', 'trim', 'gym', 'treningssenter', 'treningssenteret'],
  ['begynne', 'begynt', 'begynte', 'starte', 'startet', 'startet'],
  ['slutte', 'sluttet', 'gi', 'droppe', 'droppet', 'avslutte'],
  ['hjelp', 'hjelpe', 'støtte', 'støttet', 'bistand', 'backe', 'backer', 'backet', 'ivareta', 'ivaretatt', 'ivaretar'],
  ['viktig', 'vesentlig'],
  ['fri', 'fritid', 'fritiden', 'fritida'],
  ['beskrive', 'fortelle', 'forklare'],
  ['fordele', 'fordelte', 'dele', 'delte', 'fordeling'],
  ['hjemme', 'hjem', 'hjemmefra', 'hjemmekontor'],
  ['leder', 'lederen', 'ledelse', 'ledelsen', 'sjef', 'sjefen', 'ledere'],
  ['oppleve', 'opplevde', 'opplevd', 'erfare', 'erfaring'],
  ['studier', 'studere', 'studerer', 'studerte', 'student', 'studenter', 'studie', 'studiet', 'studium', 'utdanning', 'utdannelse', 'bachelor', 'master'],
  ['beste', 'best', 'fineste', 'finest', 'positive', 'positivt', 'positiv'],
  ['bo', 'bor', 'bodde', 'bodd', 'bu', 'budde', 'bosted'],
  ['besteforeldre', 'besteforeldrene', 'bestemor', 'bestefar', 'mormor', 'morfar', 'farmor', 'farfar'],
  ['fleksibel', 'fleksibelt', 'fleksible', 'fleksibilitet'],
  ['tilbakemelding', 'tilbakemeldinger', 'skryt', 'skryte', 'ros', 'rose', 'roser', 'anerkjennelse', 'kritikk'],
  ['treffe', 'møte', 'møtes', 'møtte', 'traff'],
  ['regel', 'regler', 'reglene', 'retningslinje', 'retningslinjer', 'reglement', 'policy'],
  ['håndtere', 'håndterte', 'takle', 'taklet', 'takla', 'mestre', 'mestret'],
  ['åpne', 'åpnet', 'åpen', 'åpning', 'gjenåpne', 'gjenåpnet', 'gjenåpning', 'gjenåpningen'],
];

/**
 * A guide names a kind of thing where a participant names one of its kinds
 * ("organiserte aktiviteter" — "korps og håndball"). Each group is the general
 * word first, then its common kinds: a participant's kind covers the guide's
 * general word (one way only; a kind may belong to several groups, and a
 * general word may itself be a kind of another). General Norwegian, not one
 * guide's terms.
 */
export const KIND_GROUPS: readonly (readonly string[])[] = [
  ['aktivitet', 'aktiviteter', 'fritidsaktivitet', 'fritidsaktiviteter', 'korps', 'skolekorps', 'håndball', 'fotball', 'idrett', 'idretten',
    'idrettslag', 'speider', 'speideren', 'speiding', 'kor', 'koret', 'turn', 'dans', 'dansing', 'svømming', 'ishockey', 'basket', 'volleyball', 'klatring', 'musikkskole', 'kulturskole',
    'trening', 'klubb', 'klubben', 'turnering', 'turneringer', 'teater'],
  ['trening', 'spinning', 'yoga', 'pilates', 'crossfit', 'løping', 'jogging', 'jogge', 'styrketrening', 'fotball', 'håndball', 'svømming', 'turn', 'dans',
    'klatring', 'ski', 'skitrening'],
  ['utvikling', 'kurs', 'kursing', 'fagdag', 'fagdager', 'opplæring', 'kompetanseheving', 'hospitering'],
  ['arbeidsgiver', 'arbeidsgiveren', 'firma', 'firmaet', 'bedrift', 'bedriften', 'virksomhet', 'virksomheten', 'selskap', 'selskapet'],
  ['arbeidsplass', 'arbeidsplasser', 'arbeidsplassen', 'sykehjem', 'sykehjemmet', 'sykehus', 'sykehuset', 'legekontor', 'hjemmetjenesten',
    'hjemmesykepleien', 'avdeling', 'avdelingen', 'bedrift', 'bedriften', 'firma', 'firmaet', 'mottak', 'akuttmottak', 'legevakt', 'legevakta',
    'poliklinikk', 'klinikk', 'sengepost', 'institusjon'],
  ['skole', 'skolen', 'videregående', 'ungdomsskole', 'ungdomsskolen', 'barneskole', 'barneskolen', 'grunnskole', 'folkehøgskole', 'vgs', 'vg1', 'vg2', 'vg3',
    'klasse', 'klassen', 'undervisning', 'undervisningen'],
  ['alder', 'gammel'],
];

/**
 * Inflected forms the Snowball stemmer cannot bring to the base form's stem:
 * strong and irregular verbs ("valgte" → "velge", "traff" → "treffe") and
 * irregular plurals ("brødre" → "bror"). Applied to the bokmål word, before
 * stop words are taken out and before stemming.
 */
export const INFLECTIONS: Readonly<Record<string, string>> = {
  // verbs: past tense and participle → infinitive
  valgte: 'velge', valgt: 'velge', fortalte: 'fortelle', fortalt: 'fortelle', traff: 'treffe', truffet: 'treffe',
  hjalp: 'hjelpe', hjulpet: 'hjelpe', følte: 'føle', følt: 'føle', solgte: 'selge', solgt: 'selge', spurte: 'spørre', spurt: 'spørre',
  visste: 'vite', visst: 'vite', satt: 'sitte', sittet: 'sitte', sto: 'stå', stod: 'stå', stått: 'stå', lå: 'ligge', ligget: 'ligge',
  tok: 'ta', tatt: 'ta', fant: 'finne', funnet: 'finne', skrev: 'skrive', skrevet: 'skrive', drev: 'drive', dreiv: 'drive', drevet: 'drive',
  lærte: 'lære', lært: 'lære', møttes: 'møtes', møtte: 'møte', møtt: 'møte',
  sov: 'sove', sovet: 'sove', spiste: 'spise', spist: 'spise',
  delte: 'dele', delt: 'dele', strakk: 'strekke', brukte: 'bruke', brukt: 'bruke', kjente: 'kjenne', kjent: 'kjenne', kjende: 'kjenne',
  byttet: 'bytte', bytta: 'bytte', flyttet: 'flytte', flytta: 'flytte', slapp: 'slippe', sluppet: 'slippe',
  // adjectives whose forms stem apart
  åpent: 'åpen', godt: 'god', gode: 'god', nytt: 'ny', nye: 'ny', eget: 'egen', egne: 'egen',
  // irregular plurals
  brødre: 'bror', brødrene: 'bror', søstre: 'søster', søstrene: 'søster', døtre: 'datter', døtrene: 'datter', menn: 'mann', mennene: 'mann',
  bøker: 'bok', bøkene: 'bok', netter: 'natt', nettene: 'natt', steder: 'sted', stedene: 'sted', hender: 'hånd', føtter: 'fot',
  foreldre: 'foreldre', foreldrene: 'foreldre', besteforeldrene: 'besteforeldre',
};
