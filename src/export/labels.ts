/**
 * The words exports write around the transcript, in the UI's language. Kept here
 * (not in src/ui) so the export domain needs no UI code.
 */
import type { ExportLocale } from './types';

export interface ExportLabels {
  /** Speaker prefix of the interviewer (the f4/MAXQDA convention: `I`). */
  interviewer: string;
  /** Speaker name of the participant when there is no pseudonym (pilots). */
  participant: string;
  pilot: string;
  date: string;
  guide: string;
  version: string;
  notes: string;
  question: string;
  /** What a `mixed` turn means: one microphone heard both speakers. */
  mixedExplained: string;
  /** The guide line of a session made without a guide (an imported recording). */
  noGuide: string;
  /** Plural file-name part of a participant's or a project's transcripts. */
  transcripts: string;
  /** A participant's data export (GDPR access): its transcript's first line, `{pseudonym}` filled in. */
  transcriptFor: string;
  /** …and one line per session: `{date}`, `{kind}`, `{platform}`, `{language}`. */
  sessionLine: string;
  kinds: Record<'interview' | 'pilot' | 'import', string>;
  /** What a participant's data export holds, file by file (its README). */
  dataExportReadme: string;
}

const LABELS: Record<ExportLocale, ExportLabels> = {
  nb: {
    interviewer: 'I',
    participant: 'Deltaker',
    pilot: 'Pilotintervju',
    date: 'Dato',
    guide: 'Intervjuguide',
    version: 'versjon',
    notes: 'Notater',
    question: 'Spørsmål',
    mixedExplained: 'Én mikrofon hørte begge: «I/…» betyr at taleren ikke er kjent.',
    noGuide: 'ingen',
    transcripts: 'transkripsjoner',
    transcriptFor: 'Transkripsjon for {pseudonym}',
    sessionLine: 'Samtale {date} ({kind}, {platform}, språk {language})',
    kinds: { interview: 'intervju', pilot: 'pilotintervju', import: 'lydfil' },
    dataExportReadme: [
      'Alt som er lagret om {pseudonym} i Intervju, {date}.',
      '',
      '{transcript}: transkripsjonen av hver samtale. «I» er intervjueren; tiden #tt:mm:ss-d# er slutten av replikken, regnet fra samtalens start.',
      'data.json: alle opplysninger som er lagret (deltaker, samtaler, tekstbiter, notater, hvilke spørsmål som ble stilt), maskinlesbart.',
      'audio/: lydopptakene, når prosjektet fortsatt har dem.',
      '',
      'Filen er ikke kryptert.',
    ].join('\n'),
  },
  en: {
    interviewer: 'I',
    participant: 'Participant',
    pilot: 'Pilot interview',
    date: 'Date',
    guide: 'Interview guide',
    version: 'version',
    notes: 'Notes',
    question: 'Question',
    mixedExplained: 'One microphone heard both: “I/…” means the speaker is not known.',
    noGuide: 'none',
    transcripts: 'transcripts',
    transcriptFor: 'Transcript for {pseudonym}',
    sessionLine: 'Session {date} ({kind}, {platform}, language {language})',
    kinds: { interview: 'interview', pilot: 'pilot interview', import: 'audio file' },
    dataExportReadme: [
      'Everything Intervju stores about {pseudonym}, {date}.',
      '',
      '{transcript}: the transcript of each session. "I" is the interviewer; the time #hh:mm:ss-d# is the end of the turn, counted from the start of the session.',
      'data.json: all data stored (participant, sessions, transcript segments, notes, which questions were asked), machine-readable.',
      'audio/: the recordings, where the project still keeps them.',
      '',
      'The file is not encrypted.',
    ].join('\n'),
  },
};

export function exportLabels(locale: ExportLocale): ExportLabels {
  return LABELS[locale];
}

/** A label with `{name}` placeholders filled in. */
export function fillLabel(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}
