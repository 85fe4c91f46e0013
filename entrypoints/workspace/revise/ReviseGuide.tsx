import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatDuration } from '../../../src/coverage';
import * as edit from '../../../src/guide';
import { diffGuides, GuideValidationError, newVersion, type Guide, type GuideChange } from '../../../src/guide';
import { broadcastStoreChange } from '../../../src/messages';
import { plannedMinutesFromPilot, rehearsalFeedback, type RehearsalFeedback } from '../../../src/rehearsal';
import { saveGuide, setActiveGuideRef, type IntervjuDatabase, type Note, type Vault } from '../../../src/store';
import type { MessageKey, Translate } from '../../../src/ui';
import { loadPilot, type LoadedPilot, type PilotLoad } from './load-pilot';

/** `#/sessions/<id>/revise`: the revise view of that pilot. */
export function reviseSessionId(hash: string): string | null {
  const [name, id, sub] = hash.replace(/^#\/?/, '').split('/');
  return name === 'sessions' && id && sub === 'revise' ? decodeURIComponent(id) : null;
}

const REFUSAL: Record<Exclude<PilotLoad, { ok: true }>['reason'], MessageKey> = {
  missing: 'reviseMissing',
  'not-pilot': 'reviseNotPilot',
  'no-guide': 'reviseNoGuide',
};

/**
 * Revising the guide after a pilot: each question with the "revise this question"
 * notes, the rehearsal feedback and the pilot's time beside it, its wording
 * editable in place; planned minutes from the pilot on offer; the side-by-side
 * changes shown before the next version is saved with its change note.
 */
export function ReviseGuide(props: { db: IntervjuDatabase; vault: Vault; t: Translate; sessionId: string }) {
  const { db, vault, t, sessionId } = props;
  const [load, setLoad] = useState<PilotLoad | null>(null);
  useEffect(() => void loadPilot(db, vault, sessionId).then(setLoad), [sessionId]);
  if (!load) return <p class="muted">{t('loading')}</p>;
  if (!load.ok) {
    return (
      <section class="card" data-testid="revise-guide" data-session-id={sessionId}>
        <p class="error" role="alert" data-testid="revise-missing">
          {t(REFUSAL[load.reason])}
        </p>
        <a href="#/sessions">{t('reviseBack')}</a>
      </section>
    );
  }
  return <ReviseLoaded db={db} t={t} pilot={load.pilot} />;
}

function ReviseLoaded(props: { db: IntervjuDatabase; t: Translate; pilot: LoadedPilot }) {
  const { db, t, pilot } = props;
  const feedback = useMemo(
    () => rehearsalFeedback({ guide: pilot.rehearsed, session: pilot.session, events: pilot.events, segments: pilot.segments, timeline: pilot.timeline }),
    [pilot],
  );
  const [draft, setDraft] = useState<Guide>(pilot.latest);
  const [base, setBase] = useState<Guide>(pilot.latest);
  const [changeNote, setChangeNote] = useState('');
  const [changes, setChanges] = useState<GuideChange[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<Guide | null>(null);
  const update = (change: (guide: Guide) => Guide) => {
    setDraft(change(draft));
    // Edited after the preview: the changes must be looked at again before saving.
    setChanges(null);
  };

  const flagged = pilot.notes.filter((note) => note.reviseGuide);
  const questionIds = new Set(draft.sections.flatMap((section) => section.questions.map((question) => question.id)));
  const loose = flagged.filter((note) => note.questionId === null || !questionIds.has(note.questionId));
  const timeOfQuestion = new Map(pilot.timings.sections.flatMap((section) => section.questions.map((question) => [question.questionId, question.ms])));
  const timeOfSection = new Map(pilot.timings.sections.map((section) => [section.sectionId, section.ms]));
  const probeText = new Map(pilot.rehearsed.sections.flatMap((section) => section.questions.flatMap((question) => question.probes.map((probe) => [probe.id, probe.text]))));

  const save = async () => {
    try {
      const next = newVersion(base, draft, changeNote);
      await saveGuide(db, next);
      // The revised wording is what the next interviews use.
      await setActiveGuideRef(db, { id: next.id, version: next.version });
      broadcastStoreChange({ type: 'guide.changed' });
      setSaved(next);
      setBase(next);
      setDraft(next);
      setChanges(null);
      setChangeNote('');
      setErrors([]);
    } catch (cause) {
      setErrors(cause instanceof GuideValidationError ? cause.problems.map((problem) => `${problem.path}: ${problem.message}`) : [(cause as Error).message]);
    }
  };

  return (
    <section class="card revise-guide" data-testid="revise-guide" data-session-id={pilot.session.id}>
      <a href="#/sessions">{t('reviseBack')}</a>
      <h2>{t('reviseTitle', { title: base.title, version: base.version })}</h2>
      <p class="muted">
        {t('revisePilotOf', {
          when: new Date(pilot.session.startedAt).toLocaleString(),
          version: pilot.session.guideVersion,
          length: formatDuration(pilot.timings.totalMs),
        })}
      </p>
      {saved && (
        <p class="notice" role="status" data-testid="revise-message" data-version={saved.version}>
          {t('guideSaved', { title: saved.title, version: saved.version })}
        </p>
      )}

      <FeedbackSummary t={t} feedback={feedback} pilot={pilot} />

      {loose.length > 0 && (
        <section>
          <h3>{t('reviseGeneralNotes')}</h3>
          <NoteList notes={loose} />
        </section>
      )}

      <div class="revise-minutes">
        <span>
          {t('revisePlanned', { planned: draft.plannedMinutes, pilot: Math.ceil(pilot.timings.totalMs / 60_000) })}
        </span>
        <button type="button" class="secondary" data-testid="revise-apply-minutes" onClick={() => update((guide) => plannedMinutesFromPilot(guide, pilot.timings))}>
          {t('reviseApplyMinutes')}
        </button>
      </div>

      {draft.sections.map((section) => (
        <fieldset key={section.id} class="revise-section" data-testid="revise-section" data-section-id={section.id}>
          <legend>{section.title}</legend>
          <p class="muted">
            <label>
              {t('plannedMinutes')}{' '}
              <input
                class="minutes-input"
                type="number"
                min={0}
                data-testid="revise-section-minutes"
                value={section.plannedMinutes ?? ''}
                onInput={(event) =>
                  update((guide) => edit.updateSection(guide, section.id, { plannedMinutes: event.currentTarget.value === '' ? null : Number(event.currentTarget.value) }))
                }
              />
            </label>{' '}
            <span data-testid="revise-section-time">{t('revisePilotTime', { time: formatDuration(timeOfSection.get(section.id) ?? 0) })}</span>
          </p>
          {section.questions.map((question) => {
            const notes = flagged.filter((note) => note.questionId === question.id);
            const findings = questionFindings(t, feedback, question.id, probeText);
            return (
              <div key={question.id} class={notes.length > 0 ? 'revise-question flagged' : 'revise-question'} data-testid="revise-question" data-question-id={question.id} data-notes={notes.length}>
                <label>
                  <span class="visually-hidden">{t('questionText')}</span>
                  <textarea
                    rows={2}
                    data-testid="revise-question-text"
                    aria-label={t('questionText')}
                    value={question.text}
                    onInput={(event) => update((guide) => edit.updateQuestion(guide, question.id, { text: event.currentTarget.value }))}
                  />
                </label>
                {question.probes.map((probe) => (
                  <input
                    key={probe.id}
                    class="revise-probe"
                    data-testid="revise-probe-text"
                    aria-label={t('probeText')}
                    value={probe.text}
                    onInput={(event) => update((guide) => edit.updateProbe(guide, probe.id, event.currentTarget.value))}
                  />
                ))}
                <p class="muted" data-testid="revise-question-time">
                  {t('revisePilotTime', { time: formatDuration(timeOfQuestion.get(question.id) ?? 0) })}
                </p>
                {notes.length > 0 && <NoteList notes={notes} />}
                {findings.length > 0 && (
                  <ul class="revise-findings" data-testid="revise-question-feedback">
                    {findings.map((finding, index) => (
                      <li key={index}>{finding}</li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}

      <label>
        {t('changeNote')}
        <input data-testid="revise-change-note" value={changeNote} placeholder={t('reviseChangeNotePlaceholder')} onInput={(event) => setChangeNote(event.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="button" class="secondary" data-testid="revise-show-diff" onClick={() => setChanges(diffGuides(base, draft))}>
          {t('reviseShowDiff')}
        </button>
        <button
          type="button"
          data-testid="revise-save"
          disabled={changes === null || changes.length === 0 || changeNote.trim() === ''}
          onClick={() => void save()}
        >
          {t('saveNewVersion', { version: base.version + 1 })}
        </button>
      </div>
      {changes === null && <p class="muted">{t('reviseDiffFirst')}</p>}
      {changes !== null && changes.length === 0 && <p class="muted" data-testid="revise-diff-empty">{t('reviseNoChanges')}</p>}
      {changes !== null && changes.length > 0 && (
        <table class="revise-diff" data-testid="revise-diff">
          <caption>{t('reviseDiffCaption', { from: base.version, to: base.version + 1 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviseDiffWhat')}</th>
              <th scope="col">{t('guideVersion', { version: base.version })}</th>
              <th scope="col">{t('guideVersion', { version: base.version + 1 })}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change, index) => (
              <tr key={index} data-testid="revise-diff-row" data-kind={change.kind}>
                <th scope="row">{change.description}</th>
                <td class="before">{change.before ?? '—'}</td>
                <td class="after">{change.after ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {errors.length > 0 && (
        <ul class="error" role="alert" data-testid="revise-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteList(props: { notes: Note[] }) {
  return (
    <ul class="revise-notes">
      {props.notes.map((note) => (
        <li key={note.id} data-testid="revise-note">
          ✎ {note.text}
        </li>
      ))}
    </ul>
  );
}

/** The feedback that concerns one question, as sentences. */
function questionFindings(t: Translate, feedback: RehearsalFeedback, questionId: string, probeText: Map<string, string>): string[] {
  const findings: string[] = [];
  for (const finding of feedback.forms) {
    if (finding.questionId !== questionId) continue;
    findings.push(t(finding.form === 'leading' ? 'feedbackLeading' : 'feedbackClosed', { sentence: finding.sentence }));
  }
  for (const repeat of feedback.repeated) {
    if (repeat.questionId === questionId) findings.push(t('feedbackRepeated', { times: repeat.times, replies: repeat.replies.join(' / ') || '—' }));
  }
  for (const turn of feedback.longTurns) {
    if (turn.questionId === questionId) findings.push(t('feedbackLongTurn', { words: turn.words, seconds: Math.round(turn.end - turn.start) }));
  }
  for (const probe of feedback.unusedProbes) {
    if (probe.questionId === questionId) findings.push(t('feedbackUnusedProbe', { probe: probeText.get(probe.probeId) ?? '' }));
  }
  return findings;
}

/** The whole rehearsal at a glance: talk ratio per section and counts of what was found. */
function FeedbackSummary(props: { t: Translate; feedback: RehearsalFeedback; pilot: LoadedPilot }) {
  const { t, feedback, pilot } = props;
  const sectionTitle = new Map(pilot.rehearsed.sections.map((section) => [section.id, section.title]));
  const closed = feedback.forms.filter((finding) => finding.form === 'closed').length;
  const leading = feedback.forms.filter((finding) => finding.form === 'leading').length;
  const noTranscript = pilot.segments.length === 0;
  return (
    <section class="pilot-feedback" data-testid="pilot-feedback" aria-labelledby="pilot-feedback-title">
      <h3 id="pilot-feedback-title">{t('feedbackTitle')}</h3>
      {noTranscript && <p class="muted">{t('feedbackNoTranscript')}</p>}
      {!noTranscript && (
        <>
          <ul class="feedback-counts">
            <li data-testid="feedback-closed" data-count={closed}>{t('feedbackClosedCount', { count: closed })}</li>
            <li data-testid="feedback-leading" data-count={leading}>{t('feedbackLeadingCount', { count: leading })}</li>
            <li data-testid="feedback-long-turns" data-count={feedback.longTurns.length}>{t('feedbackLongTurnCount', { count: feedback.longTurns.length })}</li>
            <li data-testid="feedback-repeated" data-count={feedback.repeated.length}>{t('feedbackRepeatedCount', { count: feedback.repeated.length })}</li>
            <li data-testid="feedback-unused-probes" data-count={feedback.unusedProbes.length}>{t('feedbackUnusedProbeCount', { count: feedback.unusedProbes.length })}</li>
          </ul>
          <table class="feedback-talk">
            <caption>{t('feedbackTalkCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedbackSection')}</th>
                <th scope="col">{t('feedbackInterviewerShare')}</th>
                <th scope="col">{t('feedbackWords')}</th>
              </tr>
            </thead>
            <tbody>
              {feedback.talk.map((ratio) => (
                <tr key={ratio.sectionId ?? 'intro'} data-testid="feedback-talk" data-section-id={ratio.sectionId ?? ''} data-flagged={String(ratio.flagged)}>
                  <th scope="row">{ratio.sectionId === null ? t('feedbackIntro') : (sectionTitle.get(ratio.sectionId) ?? '—')}</th>
                  <td>
                    {Math.round(ratio.interviewerShare * 100)} %{ratio.flagged ? ` — ${t('feedbackTalksMuch')}` : ''}
                  </td>
                  <td>
                    {ratio.interviewerWords} / {ratio.participantWords}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
