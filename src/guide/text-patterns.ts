/**
 * Recognisers for the pieces of a guide as researchers write them in Word, PDFs
 * and Markdown, in Norwegian or English. Each takes one line (or part of one) and
 * says what it is; `text-import.ts` decides where it goes.
 */

/** A list marker at the start of a line: its family (for telling siblings from children) and the text after it. */
export interface ListItem {
  /** Family of the marker, e.g. `dash`, `dot`, `circle`, `number-1`, `number-2`, `letter`. */
  kind: string;
  body: string;
}

// Word pastes its bullet glyphs as private-use characters of the Symbol and
// Wingdings fonts (U+F0B7, U+F0A7) or, with the font lost, as "§"; "o" is
// Word's default second-level bullet.
const BULLET_KINDS: readonly (readonly [RegExp, string])[] = [
  [/^(?:[-*+]\s+)?\[[ xX]\]\s+/, 'checkbox'],
  [/^[☐□☑☒]\s*/, 'checkbox'],
  [/^[-‐‑]\s+/, 'dash'],
  [/^[–—]\s+/, 'long-dash'],
  [/^[•·●∙\uF0B7]\s*/, 'dot'],
  [/^[▪■\uF0A7\uF0FC]\s*/, 'square'],
  [/^§\s+/, 'square'],
  [/^[◦○]\s*/, 'circle'],
  [/^o\s+/, 'circle'],
  [/^[*+]\s+/, 'star'],
  [/^[→➢➤►▶]\s*/, 'arrow'],
];

const NUMBER_MARKER = /^\(?(\d{1,2}(?:\.\d{1,2})*)[.)]\s+|^(\d{1,2}(?:\.\d{1,2})+)\s+/;
// "a." with a small letter only before a capital ("a. Hvilke trinn?"), so "e. g." and the like stay text; "o" is a bullet.
const LETTER_MARKER = /^\(?([a-zA-Z])\)\s+|^([A-Z])\.\s+|^([a-np-z])\.\s+(?=\p{Lu})/u;
const QUESTION_NUMBER = /^(?:spørsmål|spm\.?|question|q)\s*\d{1,2}\s*[:.)]\s*/i;

/** Splits a leading bullet, number or letter marker off a trimmed line; null when the line has none. */
export function splitListMarker(text: string): ListItem | null {
  for (const [pattern, kind] of BULLET_KINDS) {
    const match = pattern.exec(text);
    if (match) return { kind, body: text.slice(match[0].length).trim() };
  }
  const number = NUMBER_MARKER.exec(text);
  if (number) {
    const digits = number[1] ?? number[2] ?? '';
    return { kind: `number-${digits.split('.').length}`, body: text.slice(number[0].length).trim() };
  }
  const letter = LETTER_MARKER.exec(text);
  if (letter) return { kind: 'letter', body: text.slice(letter[0].length).trim() };
  const question = QUESTION_NUMBER.exec(text);
  if (question) return { kind: 'number-1', body: text.slice(question[0].length).trim() };
  return null;
}

/** Width of a line's leading whitespace, a tab counting as four spaces. */
export function indentWidth(line: string): number {
  let width = 0;
  for (const character of line) {
    if (character === ' ') width += 1;
    else if (character === '\t') width += 4;
    else break;
  }
  return width;
}

/** True when a text has at least one letter (any script). */
export function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}

/** True when every letter is a capital and there are at least four of them ("BAKGRUNN"). */
export function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= 4 && letters.every((letter) => letter === letter.toUpperCase() && letter !== letter.toLowerCase());
}

/** True when the first letter of a text is lower case ("og", "fortsatt"). */
export function startsLowercase(text: string): boolean {
  const first = /\p{L}/u.exec(text.trimStart().slice(0, 1));
  return first !== null && first[0] === first[0].toLowerCase() && first[0] !== first[0].toUpperCase();
}

/** Removes Markdown emphasis markers (`**bold**`, `__bold__`, `*italic*`) around words. */
export function stripEmphasis(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=$|[\s.,;:!?)])/g, '$1$2')
    .replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=$|[\s.,;:!?)])/g, '$1$2');
}

// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATIONS = new Set([
  'f.eks', 'feks', 'eks', 'bl.a', 'ca', 'dvs', 'evt', 'ev', 'osv', 'mv', 'm.m', 'mht', 'pga', 'ift', 'jf', 'jfr',
  'inkl', 'nr', 'kl', 'tlf', 'ang', 'o.l', 'e.g', 'i.e', 'etc', 'vs', 'approx', 'dr', 'mr', 'mrs', 'ms', 'no', 'st',
]);

/** Splits a paragraph into sentences, keeping abbreviations such as "f.eks." and "e.g." inside their sentence. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let current = '';
  const pieces = text.match(/[^.?!]+(?:[.?!]+["'»”’)\]]*)?|[.?!]+/g) ?? [];
  for (let index = 0; index < pieces.length; index += 1) {
    current += pieces[index] ?? '';
    const next = pieces[index + 1];
    if (next === undefined) break;
    // Only the tail is looked at, so a long run of abbreviations stays linear.
    const tail = current.slice(-40).trimEnd();
    const lastWord = (/(\S+)\.$/.exec(tail)?.[1] ?? '').toLowerCase().replace(/^[("«]/, '');
    const isAbbreviation = tail.endsWith('.') && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord) || /^\d+$/.test(lastWord));
    const nextStartsSentence = /^\s+(?:[(\[]|["'«“]?[\p{Lu}\d])/u.test(next);
    if (!isAbbreviation && nextStartsSentence) {
      sentences.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') sentences.push(current.trim());
  return sentences;
}

/** True when a sentence is a question (ends in "?", possibly before closing quotes or brackets). */
export function isQuestionSentence(sentence: string): boolean {
  return /\?["'»”’)\]]*$/.test(sentence.trim());
}

const APPROXIMATELY = String.raw`(?:ca\.?|cirka|omtrent|rundt|about|approx\.?|approximately|around|~)?\s*`;
const MINUTE_UNIT = String.raw`(?:minutter|minutt|minutes|minute|mins|min)\.?`;
const RANGE = String.raw`(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?`;
const HEADING_MINUTES = new RegExp(
  String.raw`\s*(?:[-–—:,]\s*)?(?:\(\s*${APPROXIMATELY}${RANGE}\s*${MINUTE_UNIT}\s*\)|\[\s*${APPROXIMATELY}${RANGE}\s*${MINUTE_UNIT}\s*\]|${APPROXIMATELY}${RANGE}\s*${MINUTE_UNIT})\s*$`,
  'i',
);

/** Takes a planned time off the end of a heading ("Bakgrunn (ca. 10 min)"); for a range ("10–15 min") the upper bound. */
export function extractHeadingMinutes(heading: string): { title: string; minutes: number | null } {
  // Only the tail is searched: the pattern is anchored at the end, and trying
  // it from every position of a very long pasted line would take seconds.
  const offset = Math.max(0, heading.length - 60);
  const match = HEADING_MINUTES.exec(heading.slice(offset));
  if (!match || match.index + offset === 0) return { title: heading, minutes: null };
  const values = [match[1], match[2], match[3], match[4], match[5], match[6]].filter((value) => value !== undefined).map(Number);
  return { title: heading.slice(0, match.index + offset).trim(), minutes: Math.max(...values) };
}

const DURATION_LABEL = new RegExp(
  String.raw`^(?:varighet|tidsbruk|tidsramme|samlet tid|total tid|totalt|estimert (?:tid|varighet)|planlagt (?:varighet|lengde|tid|tidsbruk)|intervjuets (?:lengde|varighet)|lengde|tid|duration|planned (?:length|duration|time)|estimated (?:length|duration|time)|total (?:time|length|duration)|length|time)\s*[:：]\s*${APPROXIMATELY}(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(\d+(?:[.,]\d+)?))?\s*(minutter|minutt|minutes|minute|mins|min|timer|time|hours|hour|hrs|t|h)\.?$`,
  'i',
);

/** Reads a labelled duration line ("Varighet: 60 minutter", "Planned length: 1 hour") as minutes; null otherwise. */
export function parseDurationLine(text: string): number | null {
  const match = DURATION_LABEL.exec(text.trim());
  if (!match) return null;
  const value = Math.max(...[match[1], match[2]].filter((part) => part !== undefined).map((part) => Number(part.replace(',', '.'))));
  const inHours = /^(?:timer|time|hours|hour|hrs|t|h)$/i.test(match[3] ?? '');
  return Math.round(inHours ? value * 60 : value);
}

const CONDITION_WORDS = String.raw`(?:spør (?:bare|kun) hvis|spør (?:bare|kun) dersom|bare hvis|kun hvis|bare dersom|kun dersom|hvis|dersom|only ask if|ask only if|ask this only if|only if|if)`;
const BRACKETED_CONDITION = new RegExp(String.raw`^[\[(]\s*(${CONDITION_WORDS}\b[^\])]*?)\s*[:.]?\s*[\])]\s*[:.\-–]?\s*(.*)$`, 'i');
const COLON_CONDITION = new RegExp(String.raw`^(${CONDITION_WORDS}\b[^:?]{0,160}?)\s*:\s*(.*)$`, 'i');
const STANDALONE_CONDITION = /^((?:spør (?:bare|kun) (?:hvis|dersom)|bare hvis|kun hvis|only ask if|ask only if|ask this only if|only if)\b[^?]*?|(?:hvis|dersom|if) (?:ja|nei|yes|no|so|not))[.:]?$/i;

/** Splits an "ask only if" condition off a line: "Hvis ja: Hvordan?" gives condition "Hvis ja" and rest "Hvordan?". */
export function splitCondition(text: string): { condition: string; rest: string } | null {
  const bracketed = BRACKETED_CONDITION.exec(text);
  if (bracketed) return { condition: capitalise((bracketed[1] ?? '').trim()), rest: (bracketed[2] ?? '').trim() };
  const colon = COLON_CONDITION.exec(text);
  if (colon) return { condition: capitalise((colon[1] ?? '').trim()), rest: (colon[2] ?? '').trim() };
  const standalone = STANDALONE_CONDITION.exec(text.trim());
  if (standalone) return { condition: capitalise((standalone[1] ?? '').trim()), rest: '' };
  return null;
}

const PROBE_LABEL = /^(?:oppfølging(?:sspørsmål)?|oppfølgingsspm\.?|underspørsmål|utdyp(?:ning|ende spørsmål)?|prober?|probes?|probing|follow[- ]?ups?(?: questions?)?|sub-?questions?)\s*(?:[:：]|\s[-–]\s)\s*(.*)$/i;

/** Splits a follow-up label off a line ("Oppfølging: Hvorfor?" gives "Hvorfor?"); null when the line has none. */
export function splitProbeLabel(text: string): string | null {
  const match = PROBE_LABEL.exec(text);
  return match ? (match[1] ?? '').trim() : null;
}

const REMINDER_MARKER = /^(?:nb|n\.b\.|husk|merk|obs|ps|viktig|instruks(?:jon)?|til intervjuer(?:en)?|intervjuer|note|remember|reminder|important|tips?|interviewer)\b/i;

/** True when a line opens with a reminder marker ("NB:", "Husk", "Note:"); such a line is never a heading. */
export function isReminderMarked(text: string): boolean {
  return REMINDER_MARKER.test(text);
}

const LIST_LEAD = /^(?:f\.\s?eks\.?|feks\.?|for eksempel|eks(?:empel|empelvis)?[.:]?|bl\.\s?a\.?|blant annet|slik som|som|e\.\s?g\.?|eg\.?|for example|for instance|such as|like)\s*[:,]?\s*/i;
const LIST_TAIL = /^(?:osv|etc|o\.l|m\.m|mm|og lignende|and so on|or similar)\.?$/i;

/** Reads "(f.eks. natur, religion og venner)" as its items; null when the brackets hold a remark, not a list. */
export function parseBracketedList(text: string): string[] | null {
  const match = /^\(([^()]+)\)\.?$/.exec(text.trim()) ?? /^\[([^\[\]]+)\]\.?$/.exec(text.trim());
  if (!match) return null;
  let inner = (match[1] ?? '').trim();
  if (inner.includes('?')) {
    const questions = splitSentences(inner).filter(isQuestionSentence);
    return questions.length > 0 && questions.join(' ') === splitSentences(inner).join(' ') ? questions : null;
  }
  const hasLead = LIST_LEAD.test(inner);
  inner = inner.replace(LIST_LEAD, '');
  const items = inner
    .split(/\s*[,;]\s*|\s+(?:og|eller|and|or)\s+|\s*\/\s*/)
    .map((item) => item.trim().replace(/\.$/, '').trim())
    .filter((item) => item !== '' && !LIST_TAIL.test(item));
  if (items.length === 0 || items.some((item) => item.split(/\s+/).length > 6)) return null;
  if (items.length < 2 && !hasLead) return null;
  return items;
}

/** Capitalises the first letter ("hvis ja" becomes "Hvis ja"). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
