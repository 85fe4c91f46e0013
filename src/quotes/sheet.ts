/**
 * A participant's quote sheet: their quotes, pseudonymised with the replacement
 * list, numbered, each with its context, in the order they were said. The sheet
 * is what leaves the researcher's hands, so it never holds a real name that the
 * list knows, even when the quote was marked before the transcript was pseudonymised.
 */
import { formatElapsed } from '../export/time';
import { pseudonymiseText, type Replacement } from '../pseudonymise';
import type { Quote, QuoteStatus } from '../store/records';

export interface QuoteSheetItem {
  id: string;
  /** 1, 2, 3 … as the participant refers to them. */
  number: number;
  /** `hh:mm:ss` into the interview. */
  time: string;
  text: string;
  contextBefore: string;
  contextAfter: string;
  status: QuoteStatus;
  changedText: string | null;
}

export interface QuoteSheet {
  pseudonym: string;
  items: QuoteSheetItem[];
}

export interface QuoteSheetInput {
  /** The participant's pseudonym (their fictive name). */
  pseudonym: string;
  quotes: readonly Quote[];
  /** The replacement list (the key list): every entry, applied to every quote. */
  replacements: readonly Replacement[];
  /** Ids of the participant's sessions in the order they took place; quotes follow it, then their time. */
  sessionOrder?: readonly string[];
  /** Withdrawn quotes are left out unless asked for (a record for the researcher). */
  includeWithdrawn?: boolean;
}

/** The sheet for one participant, every text pseudonymised. */
export function quoteSheet(input: QuoteSheetInput): QuoteSheet {
  const order = input.sessionOrder ?? [];
  const rank = (quote: Quote) => {
    const index = order.indexOf(quote.sessionId);
    return index < 0 ? order.length : index;
  };
  const pseudonymise = (text: string) => pseudonymiseText(text, input.replacements).text;
  const quotes = input.quotes
    .filter((quote) => input.includeWithdrawn === true || quote.status !== 'withdrawn')
    .sort((left, right) => rank(left) - rank(right) || left.time - right.time || left.createdAt - right.createdAt);
  return {
    pseudonym: input.pseudonym,
    items: quotes.map((quote, index) => ({
      id: quote.id,
      number: index + 1,
      time: formatElapsed(quote.time),
      text: pseudonymise(quote.text),
      contextBefore: pseudonymise(quote.contextBefore),
      contextAfter: pseudonymise(quote.contextAfter),
      status: quote.status,
      changedText: quote.changedText === null ? null : pseudonymise(quote.changedText),
    })),
  };
}
