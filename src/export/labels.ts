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
  },
};

export function exportLabels(locale: ExportLocale): ExportLabels {
  return LABELS[locale];
}
