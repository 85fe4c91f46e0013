/**
 * Quotes for participant approval: marking a passage (with context), the quote
 * sheet per participant (pseudonymised) as .docx, and its labels. Storage lives
 * in src/store (`addQuote`, `setQuoteStatus`, …). See docs/pseudonymisation.md.
 */
export { markPassage, CONTEXT_WORDS } from './mark';
export type { MarkedPassage } from './mark';
export { quoteSheet } from './sheet';
export type { QuoteSheet, QuoteSheetItem, QuoteSheetInput } from './sheet';
export { quoteSheetDocx } from './sheet-docx';
export { quoteSheetHtml } from './sheet-html';
export { quoteSheetLabels } from './labels';
export type { QuoteSheetLabels, QuoteSheetLocale } from './labels';
