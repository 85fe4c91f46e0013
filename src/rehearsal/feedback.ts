import { latestStates, type CoverageEvent } from '../coverage';
import { createCoverageMatcher, type CoverageMatcher } from '../coverage';
import type { Guide } from '../guide';
import type { Segment } from '../store';
import { questionForm, sentencesOf, type QuestionForm } from './question-forms';
import { questionAt, topicTimeline, type TimedSession, type TopicTouch } from './timings';

/**
 * An interviewer turn longer than this many words is pointed out: a question
 * wrapped in explanation, several questions at once, or the interviewer talking
 * over the participant's part of the interview. About 25 seconds of speech.
 */
export const LONG_TURN_WORDS = 60;
/** Or longer than this many seconds. */
export const LONG_TURN_SECONDS = 30;
/**
 * A section where the interviewer says more than this share of the words is
 * pointed out: in a research interview the participant should do most of the talking.
 */
export const INTERVIEWER_SHARE_LIMIT = 0.35;

export interface TalkRatio {
  /** Null: talk before the first question (intro and consent). */
  sectionId: string | null;
  interviewerWords: number;
  participantWords: number;
  /** Interviewer words / all words of both channels; 0 when nobody spoke. */
  interviewerShare: number;
  /** True over INTERVIEWER_SHARE_LIMIT. */
  flagged: boolean;
}

/** A sentence of the interviewer's that asks in a closed or leading form. */
export interface FormFinding {
  form: Exclude<QuestionForm, 'open'>;
  sentence: string;
  /** Seconds from session start. */
  start: number;
  /** The question the talk was on then (null before the first). */
  questionId: string | null;
}

export interface LongTurn {
  start: number;
  end: number;
  words: number;
  questionId: string | null;
  text: string;
}

/** A question asked several times in a row before the participant took it up. */
export interface RepeatedQuestion {
  questionId: string;
  /** How many interviewer utterances asked it, one after the other. */
  times: number;
  /** What the interviewer said each time. */
  utterances: string[];
  /** What the participant said between them (often "Hva mener du?"). */
  replies: string[];
}

export interface RehearsalFeedback {
  talk: TalkRatio[];
  forms: FormFinding[];
  longTurns: LongTurn[];
  /** Probes of questions the pilot reached that were never marked asked/covered nor asked by the interviewer. */
  unusedProbes: { questionId: string; probeId: string }[];
  repeated: RepeatedQuestion[];
}

const wordCount = (text: string) => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/** Interviewer turns: consecutive interviewer segments until the participant speaks. */
function interviewerTurns(segments: readonly Segment[]): Segment[][] {
  const turns: Segment[][] = [];
  let current: Segment[] = [];
  for (const segment of segments) {
    if (segment.channel === 'interviewer') current.push(segment);
    else if (segment.channel === 'participant' && current.length > 0) {
      turns.push(current);
      current = [];
    }
  }
  if (current.length > 0) turns.push(current);
  return turns;
}

/**
 * What a supervisor would point out in a rehearsal, from its transcript and marks:
 * the talk ratio per section, closed and leading questions (question-forms.ts),
 * long interviewer turns, probes never used, and questions asked again and again
 * before they were understood (the coverage matcher ties utterances to questions).
 * Segments of the `mixed` channel (one microphone) cannot be told apart and are left out.
 */
export function rehearsalFeedback(input: {
  guide: Guide;
  session: TimedSession;
  events: readonly CoverageEvent[];
  segments: readonly Segment[];
  matcher?: CoverageMatcher;
  timeline?: readonly TopicTouch[];
}): RehearsalFeedback {
  const { guide, session, events } = input;
  const segments = [...input.segments].sort((a, b) => a.start - b.start);
  const matcher = input.matcher ?? createCoverageMatcher(guide);
  const timeline = input.timeline ?? topicTimeline(guide, session, events, segments, matcher);
  const sectionOfQuestion = new Map<string, string>();
  for (const section of guide.sections) for (const question of section.questions) sectionOfQuestion.set(question.id, section.id);
  const questionAtSeconds = (seconds: number) => questionAt(timeline, session.startedAt + seconds * 1000);

  // Talk ratio per section, in guide order (the intro first when anyone spoke in it).
  const talk = new Map<string | null, { interviewer: number; participant: number }>();
  for (const segment of segments) {
    if (segment.channel === 'mixed') continue;
    const questionId = questionAtSeconds(segment.start);
    const sectionId = questionId ? (sectionOfQuestion.get(questionId) ?? null) : null;
    const counts = talk.get(sectionId) ?? { interviewer: 0, participant: 0 };
    counts[segment.channel] += wordCount(segment.text);
    talk.set(sectionId, counts);
  }
  const talkRatios: TalkRatio[] = [null, ...guide.sections.map((section) => section.id)]
    .filter((sectionId) => talk.has(sectionId))
    .map((sectionId) => {
      const counts = talk.get(sectionId)!;
      const all = counts.interviewer + counts.participant;
      const interviewerShare = all === 0 ? 0 : counts.interviewer / all;
      return {
        sectionId,
        interviewerWords: counts.interviewer,
        participantWords: counts.participant,
        interviewerShare,
        flagged: interviewerShare > INTERVIEWER_SHARE_LIMIT,
      };
    });

  const forms: FormFinding[] = [];
  for (const segment of segments) {
    if (segment.channel !== 'interviewer') continue;
    for (const sentence of sentencesOf(segment.text)) {
      const form = questionForm(sentence);
      if (form === 'closed' || form === 'leading') forms.push({ form, sentence, start: segment.start, questionId: questionAtSeconds(segment.start) });
    }
  }

  // Long turns after the intro: reading out the information and consent is long by design.
  const firstTouch = timeline[0]?.time ?? Number.POSITIVE_INFINITY;
  const longTurns: LongTurn[] = [];
  for (const turn of interviewerTurns(segments)) {
    const start = turn[0]!.start;
    const end = turn.at(-1)!.end;
    if (session.startedAt + start * 1000 < firstTouch) continue;
    const text = turn.map((segment) => segment.text).join(' ');
    const words = wordCount(text);
    if (words > LONG_TURN_WORDS || end - start > LONG_TURN_SECONDS) longTurns.push({ start, end, words, questionId: questionAtSeconds(start), text });
  }

  // Probes never used, under the questions the pilot reached.
  const states = latestStates([...events]);
  const reached = new Set(timeline.map((touch) => touch.questionId));
  const questionOfProbe = new Map<string, string>();
  for (const section of guide.sections) for (const question of section.questions) for (const probe of question.probes) questionOfProbe.set(probe.id, question.id);
  // A probe the interviewer put in words while on its question counts as used (not one
  // that only shares a word with the intro read aloud).
  const askedProbes = new Set<string>();
  for (const segment of segments) {
    if (segment.channel !== 'interviewer') continue;
    const on = questionAtSeconds(segment.start);
    for (const match of matcher.matchProbes(segment.text)) if (questionOfProbe.get(match.itemId) === on) askedProbes.add(match.itemId);
  }
  const unusedProbes: { questionId: string; probeId: string }[] = [];
  for (const section of guide.sections) {
    for (const question of section.questions) {
      if (!reached.has(question.id)) continue;
      for (const probe of question.probes) {
        const state = states.get(probe.id);
        if (state !== 'asked' && state !== 'covered' && !askedProbes.has(probe.id)) unusedProbes.push({ questionId: question.id, probeId: probe.id });
      }
    }
  }

  // The same question asked by several interviewer utterances with no other question between.
  const repeated: RepeatedQuestion[] = [];
  let run: RepeatedQuestion | null = null;
  let replies: string[] = [];
  const closeRun = () => {
    if (run && run.times > 1) repeated.push(run);
    run = null;
    replies = [];
  };
  for (const segment of segments) {
    if (segment.channel === 'participant') {
      if (run) replies.push(segment.text);
      continue;
    }
    if (segment.channel !== 'interviewer') continue;
    const best = matcher.matchQuestion(segment.text)[0];
    if (!best) continue;
    const current: RepeatedQuestion | null = run;
    if (current && current.questionId === best.itemId) {
      current.times++;
      current.utterances.push(segment.text);
      current.replies.push(...replies);
      replies = [];
    } else {
      closeRun();
      run = { questionId: best.itemId, times: 1, utterances: [segment.text], replies: [] };
    }
  }
  closeRun();

  return { talk: talkRatios, forms, longTurns, unusedProbes, repeated };
}
