import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptItem } from '../../../src/transcript-editing';
import type { Translate } from '../../../src/ui';
import { clock } from './format';
import { SegmentRow, type SegmentActions } from './SegmentRow';

/** Room above and below the screen where blocks are already rendered, so scrolling never shows a gap. */
const MARGIN = '1200px 0px';
/** Height a block is given before it was ever rendered (per segment). */
const SEGMENT_HEIGHT_GUESS = 56;

/**
 * The transcript in blocks of about forty segments: a block near the screen is
 * rendered, the others are empty boxes of their last measured (or guessed)
 * height. Two hours (1,500 segments, tens of thousands of words) would
 * otherwise be built in full before the view shows anything.
 */
export function TranscriptPane(props: {
  blocks: readonly TranscriptItem[][];
  t: Translate;
  actions: SegmentActions;
  editingId: string | null;
  resolving: { segmentId: string; marker: number } | null;
  typingKey: string;
  /** A block that must be rendered now (the one playing, or the next [uklart]). */
  forceBlock: number | null;
}) {
  // The first block fills the screen; the observer adds the next ones as soon as it has looked.
  const [near, setNear] = useState<ReadonlySet<number>>(new Set([0]));
  const heights = useRef(new Map<number, number>());
  const boxes = useRef<(HTMLDivElement | null)[]>([]);
  useEffect(() => {
    const observer = new IntersectionObserver(
      (entries) => {
        setNear((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const index = Number((entry.target as HTMLElement).dataset.block);
            if (entry.isIntersecting) next.add(index);
            else next.delete(index);
          }
          return next;
        });
      },
      { rootMargin: MARGIN },
    );
    for (const box of boxes.current) if (box) observer.observe(box);
    return () => observer.disconnect();
  }, [props.blocks.length]);
  useLayoutEffect(() => {
    boxes.current.forEach((box, index) => {
      if (box && box.dataset.rendered === 'true') heights.current.set(index, box.offsetHeight);
    });
  });

  return (
    <div class="transcript" data-testid="transcript">
      {props.blocks.map((block, index) => {
        const rendered = near.has(index) || props.forceBlock === index;
        const segments = block.reduce((count, item) => count + (item.kind === 'turn' ? item.segments.length : 1), 0);
        return (
          <div
            key={index}
            class="transcript-block"
            data-block={index}
            data-rendered={String(rendered)}
            ref={(element) => void (boxes.current[index] = element)}
            style={rendered ? undefined : { height: `${heights.current.get(index) ?? segments * SEGMENT_HEIGHT_GUESS}px` }}
          >
            {rendered && block.map((item) => <Item key={itemKey(item, props.editingId)} item={item} {...props} />)}
          </div>
        );
      })}
    </div>
  );
}

/**
 * A turn is keyed by its first segment, which changes when a segment stored
 * later (a recording still running) lands before it in the same turn. The
 * turn holding the segment being typed in keeps one key while it is open, so
 * its textarea is never rebuilt under the researcher's cursor.
 */
function itemKey(item: TranscriptItem, editingId: string | null): string {
  if (item.kind === 'turn' && editingId !== null && item.segments.some((segment) => segment.id === editingId)) return `turn-editing:${editingId}`;
  return item.key;
}

function Item(props: {
  item: TranscriptItem;
  t: Translate;
  actions: SegmentActions;
  editingId: string | null;
  resolving: { segmentId: string; marker: number } | null;
  typingKey: string;
}) {
  const { item, t, actions } = props;
  switch (item.kind) {
    case 'heading':
      return (
        <h3 class="transcript-heading" data-testid="transcript-heading" data-question-id={item.questionId}>
          <span class="muted">{item.sectionTitle} · {clock(item.at)}</span> {item.text}
        </h3>
      );
    case 'note':
      return (
        <aside class={`transcript-note${item.note.reviseGuide ? ' revise' : ''}`} data-testid="transcript-note">
          <span class="muted">{t('noteAt', { time: clock(item.at) })}</span> {item.note.text}
        </aside>
      );
    case 'turn':
      return (
        <section class={`turn turn-${item.channel}`} data-testid="transcript-turn" data-channel={item.channel}>
          <h4 class="speaker">
            {actions.speakerLabel(item.channel)} <span class="muted">{clock(item.start)}</span>
          </h4>
          {item.segments.map((segment) => (
            <SegmentRow
              key={segment.id}
              segment={segment}
              t={t}
              actions={actions}
              editing={props.editingId === segment.id}
              resolving={props.resolving?.segmentId === segment.id ? props.resolving.marker : null}
              // Only the row being edited needs it: a new key must not re-render every other row.
              typingKey={props.editingId === segment.id ? props.typingKey : ''}
            />
          ))}
        </section>
      );
  }
}
