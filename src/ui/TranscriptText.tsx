/** The markers the [uklart] policy writes, in every transcript language. */
const UNCLEAR_MARKER = /\[(?:uklart|unclear|otydligt)(?::[^\]]*)?\]/gu;

/**
 * A segment's text with each `[uklart]` marker shown as a highlighted span. The
 * policy writes markers in the order of its unclear spans, so the n-th marker
 * carries the n-th span's times (for jumping there in the audio).
 */
export function TranscriptText(props: { text: string; unclear?: readonly { start: number; end: number }[] }) {
  const parts: (string | { marker: string })[] = [];
  let last = 0;
  for (const match of props.text.matchAll(UNCLEAR_MARKER)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(props.text.slice(last, index));
    parts.push({ marker: match[0] });
    last = index + match[0].length;
  }
  if (last < props.text.length) parts.push(props.text.slice(last));
  let marker = 0;
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <UnclearMark key={index} text={part.marker} span={props.unclear?.[marker++]} />
        ),
      )}
    </>
  );
}

function UnclearMark(props: { text: string; span: { start: number; end: number } | undefined }) {
  return (
    <mark
      class="unclear"
      data-testid="uklart"
      data-start={props.span?.start.toFixed(2)}
      data-end={props.span?.end.toFixed(2)}
    >
      {props.text}
    </mark>
  );
}
