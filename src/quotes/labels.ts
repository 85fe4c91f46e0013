/** The words a quote sheet is written in, in the UI's language (kept here so src/quotes needs no UI code). */
import type { QuoteStatus } from '../store/records';

export type QuoteSheetLocale = 'nb' | 'en';

export interface QuoteSheetLabels {
  title: string;
  /** Above the list: what the participant is asked to do. */
  instructions: string;
  quote: string;
  context: string;
  time: string;
  approve: string;
  approveWithChanges: string;
  withdraw: string;
  corrected: string;
  status: Record<QuoteStatus, string>;
  signature: string;
  empty: string;
}

const LABELS: Record<QuoteSheetLocale, QuoteSheetLabels> = {
  nb: {
    title: 'Sitater til godkjenning',
    instructions:
      'Dette er sitater fra intervjuet som vi ønsker å bruke. Navn og andre opplysninger som kan identifisere noen, er byttet ut. Kryss av for hvert sitat, og skriv gjerne en ny formulering.',
    quote: 'Sitat',
    context: 'Sammenheng',
    time: 'Tid i intervjuet',
    approve: 'Godkjent',
    approveWithChanges: 'Godkjent med endringene under',
    withdraw: 'Skal ikke brukes',
    corrected: 'Ny formulering',
    status: { marked: 'Markert', sent: 'Sendt', approved: 'Godkjent', changed: 'Endret', withdrawn: 'Trukket' },
    signature: 'Dato og underskrift',
    empty: 'Ingen sitater er markert.',
  },
  en: {
    title: 'Quotes for approval',
    instructions:
      'These are quotes from the interview that we would like to use. Names and other details that could identify anyone have been replaced. Please tick one box for each quote, and write new wording if you wish.',
    quote: 'Quote',
    context: 'Context',
    time: 'Time in the interview',
    approve: 'Approved',
    approveWithChanges: 'Approved with the changes below',
    withdraw: 'Not to be used',
    corrected: 'New wording',
    status: { marked: 'Marked', sent: 'Sent', approved: 'Approved', changed: 'Changed', withdrawn: 'Withdrawn' },
    signature: 'Date and signature',
    empty: 'No quotes are marked.',
  },
};

/** The quote sheet's labels for a locale. */
export function quoteSheetLabels(locale: QuoteSheetLocale): QuoteSheetLabels {
  return LABELS[locale];
}
