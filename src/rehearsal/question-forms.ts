/**
 * The forms of the interviewer's questions a supervisor points out, in Norwegian
 * (bokmål and nynorsk). The rules, in the order they are tried on each sentence:
 *
 * 1. Fillers and small openers at the start are skipped: "eh", "ehm", "øh", "mm",
 *    "ja", "nei", "okei", "ok", "og", "men", "altså", "liksom", "så," (with comma).
 * 2. **Leading**: a question that suggests its answer.
 *    - a negated yes/no question: a finite verb first, then within the next two
 *      words "ikke" ("Synes du ikke at …?", "Var det ikke …?", "Er ikke det …?",
 *      "Har du ikke …?");
 *    - a tag that asks for agreement at the end: "…, ikke sant?", "…, ikke?",
 *      "…, sant?", "…, eller hva?", "…, ikke det?";
 *    - "vel" among the first three words of a question ("Det var vel vanskelig?",
 *      "Du er vel enig i at …?").
 * 3. **Open**: a hv-word first ("hva", "hvordan", "hvorfor", "hvem", "hvor",
 *    "hvilke(n/t)", "når"; nynorsk "kva", "korleis", "kvifor", "kven", "kvar",
 *    "kva for"), or an invitation ("Fortell …", "Beskriv …", "Forklar …", "Si litt
 *    om …"), including the polite "Kan du / Vil du / Kunne du fortelle / beskrive /
 *    forklare / si (noe/litt) om …" — a request to tell, not a yes/no question.
 * 4. **Closed** (yes/no): a finite verb first, followed by a subject ("Er det …?",
 *    "Har du …?", "Kan du huske …?", "Synes du …?", "Liker du …?"). Norwegian puts
 *    the verb first only in yes/no questions and commands, so this holds with or
 *    without the question mark the recogniser may have dropped.
 *
 * Anything else (statements, back-channels) has no form.
 */
export type QuestionForm = 'open' | 'closed' | 'leading';

/** Fillers and openers skipped at the start; "så" only with a comma ("Så du …" is the verb: saw). */
const FILLER_START = /^(?:(?:eh|ehm|øh|øhm|mm|mhm|hm|ja|nei|okei|ok|og|men|altså|liksom|jo)(?=[\s,.]|$)[\s,.]*|så\s*,\s*)+/iu;

const QUESTION_WORDS = new Set(['hva', 'hvordan', 'hvorfor', 'hvem', 'hvor', 'hvilke', 'hvilken', 'hvilket', 'når', 'kva', 'korleis', 'kvifor', 'kven', 'kvar', 'kvifor', 'kor']);

const INVITATIONS = new Set(['fortell', 'beskriv', 'forklar', 'fortel', 'gi', 'si']);

/** What a polite "Kan du …" asks for when it invites telling, not a yes or no. */
const TELLING_VERBS = new Set(['fortelle', 'beskrive', 'forklare', 'si', 'utdype', 'gi', 'beskrive', 'gjøre', 'ta', 'fortelja', 'forklara', 'skildre']);

/** Finite verbs that open a Norwegian yes/no question (present and past), bokmål and nynorsk. */
const FINITE_VERBS = new Set([
  'er', 'var', 'har', 'hadde', 'kan', 'kunne', 'vil', 'ville', 'skal', 'skulle', 'må', 'måtte', 'bør', 'burde', 'får', 'fikk', 'fekk',
  'synes', 'syntes', 'synest', 'syntest', 'bor', 'bodde', 'budde', 'tror', 'trodde', 'trur', 'tenker', 'tenkte', 'mener', 'mente', 'meiner', 'føler', 'følte', 'liker', 'likte',
  'likar', 'vet', 'visste', 'veit', 'gjør', 'gjorde', 'gjer', 'opplever', 'opplevde', 'opplevar', 'bruker', 'brukte', 'brukar', 'jobber',
  'jobbet', 'jobbar', 'husker', 'husket', 'hugsar', 'kjenner', 'kjente', 'ønsker', 'ønsket', 'savner', 'savnet', 'trives', 'trivdes',
  'blir', 'ble', 'vart', 'blei', 'går', 'gikk', 'gjekk', 'kommer', 'kom', 'kjem', 'fungerer', 'fungerte', 'hjelper', 'hjalp', 'snakker',
  'snakket', 'snakkar', 'merker', 'merket', 'merkar', 'ser', 'så', 'sa', 'sier', 'seier', 'finnes', 'fantes', 'stemmer', 'stemte',
  'passer', 'passet', 'hender', 'hendte', 'skjer', 'skjedde', 'bekymrer', 'bekymret', 'savnar', 'ynskjer', 'treng', 'trenger', 'trengte',
]);

/** Words that can be the subject right after the verb. */
const SUBJECTS = new Set([
  'du', 'dere', 'de', 'det', 'den', 'dette', 'disse', 'han', 'hun', 'ho', 'vi', 'jeg', 'eg', 'man', 'ein', 'en', 'noen', 'nokon',
  'noe', 'noko', 'ikke', 'ikkje', 'folk', 'kollegene', 'arbeidsgiveren', 'lederen', 'leiaren', 'familien', 'dykk', 'me', 'dei',
]);

const TAGS = [/,\s*ikke sant\s*\?*$/iu, /,\s*ikkje sant\s*\?*$/iu, /,\s*(?:ikke|ikkje)(?: det)?\s*\?$/iu, /,\s*sant\s*\?$/iu, /,\s*eller hva\s*\?$/iu, /,\s*eller kva\s*\?$/iu];

/** Lower-case words of a sentence, punctuation stripped (æ/ø/å kept). */
function wordsOf(sentence: string): string[] {
  return sentence
    .toLocaleLowerCase('nb')
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((word) => word.length > 0);
}

/** The sentences of an utterance, each with its end mark. */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^.?!]+[.?!]*/gu) ?? []).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 0);
}

/** The form of one sentence by the rules above, or null when it is no question. */
export function questionForm(sentence: string): QuestionForm | null {
  const trimmed = sentence.trim();
  const words = wordsOf(trimmed.replace(FILLER_START, ''));
  if (words.length === 0) return null;
  const asks = trimmed.endsWith('?');
  const [first, second, third] = words;

  if (FINITE_VERBS.has(first!) && (second === 'ikke' || second === 'ikkje' || third === 'ikke' || third === 'ikkje')) return 'leading';
  if (asks && TAGS.some((tag) => tag.test(trimmed))) return 'leading';
  if (asks && words.slice(0, 3).includes('vel')) return 'leading';

  if (QUESTION_WORDS.has(first!)) return 'open';
  if (INVITATIONS.has(first!) && !SUBJECTS.has(second ?? '')) return 'open';
  if ((first === 'kan' || first === 'vil' || first === 'kunne' || first === 'ville') && (second === 'du' || second === 'dere' || second === 'dykk')) {
    // "Kan du fortelle (litt/noe/meg) om …": an invitation to tell.
    if (words.slice(2, 5).some((word) => TELLING_VERBS.has(word))) return 'open';
  }
  if (FINITE_VERBS.has(first!) && SUBJECTS.has(second ?? '')) return 'closed';
  return null;
}
