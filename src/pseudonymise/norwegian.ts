/**
 * Small word lists for guessing what a capitalised word or a number is in a
 * Norwegian (or English) transcript. All lower-cased. They only steer
 * suggestions: the researcher sees and decides on each one.
 */

/**
 * Capitalised words that identify no one: the polite pronouns (De, Dem, Deres),
 * days, months and holidays (lower-case in Norwegian, but speech recognisers
 * capitalise them after English habits), fillers and function words a recogniser
 * capitalises after a comma, the countries and services everyone names.
 */
export const CAPITALISED_STOP_WORDS: ReadonlySet<string> = new Set([
  'de', 'dem', 'deres', 'dere', 'du', 'deg', 'din', 'jeg', 'meg', 'min', 'han', 'hun', 'vi', 'oss', 'det', 'den', 'der', 'da', 'når', 'hvis',
  'og', 'men', 'eller', 'så', 'som', 'at', 'for', 'i', 'på', 'til', 'fra', 'med', 'om', 'er', 'var', 'har', 'hadde', 'ikke',
  'ja', 'nei', 'jo', 'nja', 'eh', 'ehm', 'øh', 'øhm', 'hm', 'hmm', 'mm', 'mhm', 'ok', 'okei', 'altså', 'liksom', 'akkurat',
  'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag',
  'januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember',
  'jul', 'julaften', 'påske', 'pinse', 'nyttår', 'sankthans',
  'gud', 'herregud', 'jesus', 'norge', 'norsk', 'norden', 'sverige', 'danmark', 'europa', 'verden',
  'tv', 'pc', 'facebook', 'instagram', 'snapchat', 'google', 'teams', 'zoom', 'internett',
  'uklart', 'unclear', 'i', 'the', 'and', 'you', 'yes', 'no',
]);

/** Prepositions before which a capitalised word is likely a place: "i Bodø", "på Ullevål", "fra Molde". */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['i', 'på', 'fra', 'til', 'ved', 'nær', 'utenfor', 'mot', 'gjennom', 'in', 'at', 'from', 'near']);

/** Endings that make a capitalised word a workplace or institution: "Fjellheim skole", "Bodø kommune". */
export const INSTITUTION_ENDINGS: readonly string[] = [
  'skole', 'skolen', 'skule', 'barnehage', 'barnehagen', 'sykehus', 'sykehuset', 'sjukehus', 'kommune', 'kommunen', 'universitet',
  'universitetet', 'høgskole', 'høgskolen', 'senter', 'senteret', 'klinikk', 'klinikken', 'legekontor', 'sykehjem', 'sykehjemmet',
  'bedrift', 'as', 'asa', 'nav', 'politi', 'politiet', 'kirke', 'kirken', 'menighet', 'forening', 'foreningen', 'lag', 'laget',
  'school', 'hospital', 'university', 'clinic',
];

/** Words before "20 år" that make it a duration, not an age: "i 20 år", "for 20 år siden". */
export const DURATION_WORDS: ReadonlySet<string> = new Set(['i', 'for', 'på', 'etter', 'om', 'hvert', 'annethvert', 'siste', 'første', 'noen', 'flere', 'mange']);
