/**
 * The quote sheet as a printable HTML page: the same content as the .docx, for a
 * researcher who prints it or saves it as PDF from the browser's print dialogue.
 * Every text is escaped; the page runs no script.
 */
import { quoteSheetLabels, type QuoteSheetLocale } from './labels';
import type { QuoteSheet, QuoteSheetItem } from './sheet';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

const STYLE = `
body { font: 11pt/1.45 Calibri, Carlito, 'Segoe UI', sans-serif; max-width: 42rem; margin: 2rem auto; color: #111; }
h1 { font-size: 1.5em; }
section { break-inside: avoid; border-top: 1px solid #bbb; padding: 0.6em 0 1em; }
h2 { font-size: 1.05em; margin: 0.2em 0; }
.context { color: #555; font-style: italic; }
.quote { font-weight: bold; font-style: normal; color: #111; }
.boxes { display: flex; gap: 1.5em; flex-wrap: wrap; margin: 0.5em 0; }
.line { border-bottom: 1px solid #999; height: 1.8em; }
.signature { margin-top: 2.5em; }
`;

function itemHtml(item: QuoteSheetItem, locale: QuoteSheetLocale): string {
  const labels = quoteSheetLabels(locale);
  const before = item.contextBefore === '' ? '' : `… ${escapeHtml(item.contextBefore)} `;
  const after = item.contextAfter === '' ? '' : ` ${escapeHtml(item.contextAfter)} …`;
  const changed = item.changedText === null ? '' : `<p><strong>${escapeHtml(labels.corrected)}:</strong> ${escapeHtml(item.changedText)}</p>`;
  return `<section data-quote-id="${escapeHtml(item.id)}">
<h2>${escapeHtml(labels.quote)} ${item.number} (${escapeHtml(labels.time)} ${item.time})</h2>
<p class="context">${before}<span class="quote">«${escapeHtml(item.text)}»</span>${after}</p>
${changed}<div class="boxes"><span>☐ ${escapeHtml(labels.approve)}</span><span>☐ ${escapeHtml(labels.approveWithChanges)}</span><span>☐ ${escapeHtml(labels.withdraw)}</span></div>
<p>${escapeHtml(labels.corrected)}:</p><div class="line"></div><div class="line"></div><div class="line"></div>
</section>`;
}

/** A whole HTML document for the sheet, in the locale's language. */
export function quoteSheetHtml(sheet: QuoteSheet, locale: QuoteSheetLocale): string {
  const labels = quoteSheetLabels(locale);
  const title = escapeHtml(`${labels.title}: ${sheet.pseudonym}`);
  const items = sheet.items.length === 0 ? `<p>${escapeHtml(labels.empty)}</p>` : sheet.items.map((item) => itemHtml(item, locale)).join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body><h1>${title}</h1><p>${escapeHtml(labels.instructions)}</p>
${items}
<p class="signature">${escapeHtml(labels.signature)}:</p><div class="line"></div>
</body></html>`;
}
