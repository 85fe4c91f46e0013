import { describe, expect, it } from 'vitest';
import type { CoverageEvent } from '../coverage';
import { exampleGuide } from '../guide';
import type { Segment } from '../store';
import { LONG_TURN_WORDS, rehearsalFeedback } from './feedback';

const guide = exampleGuide(new Date('2026-01-01T00:00:00Z'));
const [s1, s2, s3] = guide.sections;
const START = Date.UTC(2026, 0, 1, 10);
const session = { startedAt: START, endedAt: START + 20 * 60_000 };

let next = 0;
function said(channel: Segment['channel'], startSeconds: number, text: string, seconds = 4): Segment {
  return { id: `seg-${next++}`, sessionId: 'p', channel, start: startSeconds, end: startSeconds + seconds, text, words: [], unclear: [], source: 'live' };
}
function mark(itemId: string, atSeconds: number, itemKind: CoverageEvent['itemKind'] = 'question'): CoverageEvent {
  return { id: `${itemId}-${atSeconds}`, sessionId: 'p', itemId, itemKind, state: 'asked', time: START + atSeconds * 1000, source: 'manual' };
}

/** A short rehearsal: the intro read out, section 1 open, section 2 asked in closed and leading forms. */
const segments: Segment[] = [
  said('interviewer', 5, 'Velkommen. Du er informert om formålet med studien, deltakelse er frivillig og du kan trekke deg når som helst uten å oppgi grunn. Intervjuet tas opp og opptaket slettes når det er transkribert. Alt som kan identifisere deg blir anonymisert. Har du noen spørsmål før vi starter?', 40),
  said('participant', 50, 'Nei, det går fint.'),
  said('interviewer', 60, 'Kan du fortelle litt om deg selv og hva du driver med nå?'),
  said('participant', 66, 'Ja, jeg studerer sykepleie i Bergen og jobber litt ved siden av på et sykehjem, og jeg bor i et kollektiv med tre andre studenter som jeg ble kjent med det første året.'),
  said('interviewer', 120, 'Hvordan så en vanlig uke ut for deg mens smitteverntiltakene varte?'),
  said('participant', 126, 'Hva mener du?'),
  said('interviewer', 130, 'Altså, hvordan var en vanlig uke for deg under smitteverntiltakene?'),
  said('participant', 136, 'Mest hjemme. Forelesningene var digitale, og jeg gikk tur hver dag.'),
  said('interviewer', 150, 'Synes du ikke at det var litt ensomt?'),
  said('participant', 155, 'Jo.'),
  said('interviewer', 160, 'Var det noe ved den perioden som var bedre enn før?'),
  said('participant', 165, 'Nei.'),
];

describe('rehearsal feedback', () => {
  const events = [mark(s1!.questions[0]!.id, 62), mark(s2!.questions[0]!.id, 122)];
  const feedback = rehearsalFeedback({ guide, session, events, segments });

  it('gives the talk ratio per section and flags the one where the interviewer talked most', () => {
    const byId = new Map(feedback.talk.map((ratio) => [ratio.sectionId, ratio]));
    expect(byId.get(null)?.interviewerWords).toBeGreaterThan(40);
    expect(byId.get(s1!.id)?.flagged).toBe(false);
    expect(byId.get(s2!.id)?.flagged).toBe(true);
    expect(byId.get(s2!.id)?.interviewerShare).toBeGreaterThan(0.5);
    expect(byId.has(s3!.id)).toBe(false);
  });

  it('points out closed and leading questions, not open ones', () => {
    expect(feedback.forms.map((finding) => [finding.form, finding.sentence])).toEqual([
      // "Har du noen spørsmål før vi starter?" in the intro is closed too, and fair: it is pointed out all the same.
      ['closed', 'Har du noen spørsmål før vi starter?'],
      ['leading', 'Synes du ikke at det var litt ensomt?'],
      ['closed', 'Var det noe ved den perioden som var bedre enn før?'],
    ]);
    expect(feedback.forms[1]!.questionId).toBe(s2!.questions[0]!.id);
  });

  it('flags long interviewer turns after the intro only', () => {
    expect(feedback.longTurns).toEqual([]);
    const long = said('interviewer', 200, Array.from({ length: LONG_TURN_WORDS + 5 }, () => 'og').join(' '));
    const withLong = rehearsalFeedback({ guide, session, events, segments: [...segments, long] });
    expect(withLong.longTurns).toHaveLength(1);
    expect(withLong.longTurns[0]).toMatchObject({ start: 200, words: LONG_TURN_WORDS + 5 });
  });

  it('lists the probes of reached questions that were never used', () => {
    const probes = s1!.questions[0]!.probes;
    expect(feedback.unusedProbes).toEqual(probes.map((probe) => ({ questionId: s1!.questions[0]!.id, probeId: probe.id })));
    const used = rehearsalFeedback({ guide, session, events: [...events, mark(probes[0]!.id, 70, 'probe')], segments });
    expect(used.unusedProbes.map((probe) => probe.probeId)).toEqual([probes[1]!.id]);
  });

  it('finds a question asked twice before it was understood, with the reply in between', () => {
    expect(feedback.repeated).toEqual([
      {
        questionId: s2!.questions[0]!.id,
        times: 2,
        utterances: [segments[4]!.text, segments[6]!.text],
        replies: ['Hva mener du?'],
      },
    ]);
  });

  it('does not call two different questions a repeat', () => {
    const once = rehearsalFeedback({ guide, session, events, segments: segments.filter((_, i) => i !== 6) });
    expect(once.repeated).toEqual([]);
  });
});

describe('probes asked in words', () => {
  it('count as used when the interviewer asks them on their question', () => {
    const question = s1!.questions[0]!;
    const asked = [...segments.slice(0, 4), said('interviewer', 100, 'Hvem bor du sammen med?'), ...segments.slice(4)];
    const feedback = rehearsalFeedback({ guide, session, events: [mark(question.id, 62)], segments: asked });
    expect(feedback.unusedProbes.map((probe) => probe.probeId)).toEqual([question.probes[0]!.id]);
  });
});
