import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Guide, Question, Section } from '../guide';
import type { CoverageItemKind, CoverageState } from '../coverage';
import { conditionLabel } from './condition-label';
import type { MessageKey, Translate } from './i18n';

const MARKABLE: readonly Exclude<CoverageState, 'pending'>[] = ['asked', 'covered', 'skipped', 'declined'];

const STATE_LABEL: Record<CoverageState, MessageKey> = {
  pending: 'statePending',
  asked: 'stateAsked',
  covered: 'stateCovered',
  skipped: 'stateSkipped',
  declined: 'stateDeclined',
};

/** What a mark button says: short enough for four in a row in the narrow panel. */
const MARK_LABEL: Record<Exclude<CoverageState, 'pending'>, MessageKey> = {
  asked: 'markAsked',
  covered: 'markCovered',
  skipped: 'markSkipped',
  declined: 'markDeclined',
};

/** The panel's own key for each mark (use-command-keys.ts), named in the button's tooltip. */
const MARK_KEY: Record<Exclude<CoverageState, 'pending'>, string> = { asked: 'a', covered: 'c', skipped: 's', declined: 'd' };

const STATE_SYMBOL: Record<CoverageState, string> = {
  pending: '○',
  asked: '◐',
  covered: '●',
  skipped: '↷',
  declined: '⊘',
};

export interface GuideViewProps {
  /** A saved guide, or a draft being previewed. */
  guide: Pick<Guide, 'sections'>;
  t: Translate;
  states?: ReadonlyMap<string, CoverageState>;
  currentItemId?: string | null;
  /** Absent in read-only views such as the import preview. */
  onMark?: (itemId: string, kind: CoverageItemKind, state: CoverageState) => void;
  onSelect?: (itemId: string) => void;
}

/** The guide as the interviewer works through it: sections, questions, probes, reminders. */
export function GuideView(props: GuideViewProps) {
  const { guide, currentItemId = null } = props;
  const currentSection =
    guide.sections.find((section) =>
      section.questions.some(
        (question) => question.id === currentItemId || question.probes.some((probe) => probe.id === currentItemId),
      ),
    ) ?? guide.sections[0];
  const [openSections, setOpenSections] = useState<Set<string>>(new Set());
  useEffect(() => setOpenSections(new Set()), [currentSection?.id]);

  return (
    <div class="guide">
      {guide.sections.map((section) => {
        const open = section.id === currentSection?.id || openSections.has(section.id);
        return (
          <SectionView
            key={section.id}
            {...props}
            section={section}
            open={open}
            onToggle={() => {
              const next = new Set(openSections);
              if (next.has(section.id)) next.delete(section.id);
              else next.add(section.id);
              setOpenSections(next);
            }}
          />
        );
      })}
    </div>
  );
}

function SectionView(props: GuideViewProps & { section: Section; open: boolean; onToggle: () => void }) {
  const { section, t, states, open } = props;
  const done = section.questions.filter((question) => {
    const state = states?.get(question.id) ?? 'pending';
    return state !== 'pending';
  }).length;
  return (
    <section class={`guide-section${open ? ' open' : ''}`} data-testid="guide-section" data-section-id={section.id}>
      <button type="button" class="section-header" aria-expanded={open} onClick={props.onToggle}>
        <span class="section-title">{section.title}</span>
        <span class="section-meta">
          {states ? `${done}/${section.questions.length}` : t('questionCount', { count: section.questions.length })}
          {section.plannedMinutes !== null && ` · ${t('minutesShort', { minutes: section.plannedMinutes })}`}
        </span>
      </button>
      <div class="section-body" hidden={!open}>
        {section.reminders.map((reminder, index) => (
          <p key={index} class="reminder" data-testid="guide-reminder">
            <span aria-hidden="true">⚑ </span>
            {reminder}
          </p>
        ))}
        <ol class="questions">
          {section.questions.map((question) => (
            <QuestionView key={question.id} {...props} question={question} />
          ))}
        </ol>
      </div>
    </section>
  );
}

function QuestionView(props: GuideViewProps & { question: Question }) {
  const { question, t, states, currentItemId, onSelect } = props;
  const state = states?.get(question.id) ?? 'pending';
  const current = currentItemId === question.id;
  return (
    <li
      class={`question state-${state}${current ? ' current' : ''}${question.condition ? ' conditional' : ''}`}
      data-testid="guide-question"
      data-question-id={question.id}
      data-state={state}
      aria-current={current ? 'step' : undefined}
    >
      <div class="item-row">
        <span class="state-symbol" role="img" title={t(STATE_LABEL[state])} aria-label={t(STATE_LABEL[state])}>
          {STATE_SYMBOL[state]}
        </span>
        <ItemText onSelect={onSelect && (() => onSelect(question.id))} current={current} t={t}>
          {question.condition && (
            <span class="condition" data-testid="guide-condition">
              {conditionLabel(question.condition, t)}
            </span>
          )}
          {question.mustAsk && (
            <span class="must-ask" data-testid="must-ask-label">
              {t('mustAsk')}
            </span>
          )}
          <span class="question-text">{question.text}</span>
        </ItemText>
        <MarkButtons {...props} itemId={question.id} kind="question" state={state} />
      </div>
      {question.reminders.map((reminder, index) => (
        <p key={index} class="reminder" data-testid="guide-reminder">
          <span aria-hidden="true">⚑ </span>
          {reminder}
        </p>
      ))}
      {question.probes.length > 0 && (
        <ul class="probes">
          {question.probes.map((probe) => {
            const probeState = states?.get(probe.id) ?? 'pending';
            return (
              <li
                key={probe.id}
                class={`probe state-${probeState}${currentItemId === probe.id ? ' current' : ''}`}
                data-testid="guide-probe"
                data-probe-id={probe.id}
                data-state={probeState}
              >
                <div class="item-row">
                  <span class="state-symbol" role="img" title={t(STATE_LABEL[probeState])} aria-label={t(STATE_LABEL[probeState])}>
                    {STATE_SYMBOL[probeState]}
                  </span>
                  <ItemText onSelect={onSelect && (() => onSelect(probe.id))} current={currentItemId === probe.id} t={t}>
                    {probe.text}
                  </ItemText>
                  <MarkButtons {...props} itemId={probe.id} kind="probe" state={probeState} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}

/**
 * A question's or probe's text. Where it can be chosen as the current item (the
 * running interview) it is a button, so it looks and works like one: pointer,
 * hover, focus ring, Enter and Space.
 */
function ItemText(props: { onSelect: (() => void) | undefined; current: boolean; t: Translate; children: ComponentChildren }) {
  if (!props.onSelect) return <span class="item-text">{props.children}</span>;
  return (
    <button
      type="button"
      class="item-text selectable"
      // No tooltip on the current one: it already is.
      {...(props.current ? {} : { title: props.t('makeCurrent') })}
      onClick={props.onSelect}
    >
      {props.children}
    </button>
  );
}

function MarkButtons(props: GuideViewProps & { itemId: string; kind: CoverageItemKind; state: CoverageState }) {
  const { onMark, t, itemId, kind, state } = props;
  if (!onMark) return null;
  return (
    <span class="marks" role="group" aria-label={t('markAs')}>
      {MARKABLE.map((mark) => (
        <button
          key={mark}
          type="button"
          class={`mark mark-${mark}`}
          data-testid="mark-button"
          data-mark={mark}
          aria-pressed={state === mark}
          title={t('markTooltip', { state: t(STATE_LABEL[mark]), key: MARK_KEY[mark] })}
          // Marking the state an item already has takes the mark back.
          onClick={() => onMark(itemId, kind, state === mark ? 'pending' : mark)}
        >
          {t(MARK_LABEL[mark])}
        </button>
      ))}
    </span>
  );
}
