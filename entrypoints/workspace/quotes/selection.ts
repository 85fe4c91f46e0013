/**
 * Where the page's text selection starts and ends in the transcript, as quote
 * anchors. Relies on the session view's hooks (docs/testing.md): each segment's
 * element carries `data-segment-id`, and its text as stored is the text content
 * of its `[data-testid="segment-edit"]` element (or of the segment element when
 * there is none), so a character count there is an offset into `segment.text`.
 */
import type { QuoteAnchor } from '../../../src/store';

function anchorAt(node: Node, offset: number): QuoteAnchor | null {
  const element = node instanceof Element ? node : node.parentElement;
  const segment = element?.closest<HTMLElement>('[data-segment-id]');
  const segmentId = segment?.dataset['segmentId'];
  if (!segment || !segmentId) return null;
  const textRoot = segment.querySelector('[data-testid="segment-edit"]') ?? segment;
  const range = document.createRange();
  range.selectNodeContents(textRoot);
  // A selection ending outside the text part (a time or speaker label) counts from its nearest end.
  if (!textRoot.contains(node)) {
    const before = textRoot.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING;
    return { segmentId, offset: before ? 0 : (textRoot.textContent ?? '').length };
  }
  range.setEnd(node, offset);
  return { segmentId, offset: range.toString().length };
}

/** The selection's two ends in the transcript; null unless both lie in segments. */
export function selectedPassage(selection: Selection | null = document.getSelection()): { from: QuoteAnchor; to: QuoteAnchor } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const from = anchorAt(range.startContainer, range.startOffset);
  const to = anchorAt(range.endContainer, range.endOffset);
  return from && to ? { from, to } : null;
}
