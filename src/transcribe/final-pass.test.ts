import { describe, expect, it } from 'vitest';
import type { Segment } from '../store';
import {
  coveredSegments,
  decodedLateBy,
  finalPassFraction,
  finalPassLanes,
  isPending,
  isResearcherWork,
  newFinalPass,
  nextFinalPassState,
  planFinalUtterance,
  quotedSegmentIds,
  restartsPass,
  resumePoint,
} from './final-pass';

const segment = (id: string, start: number, end: number, extra: Partial<Segment> = {}): Segment => ({
  id,
  sessionId: 's',
  channel: 'participant',
  start,
  end,
  text: id,
  words: [],
  unclear: [],
  source: 'live',
  ...extra,
});
const none = new Set<string>();

describe('which segments the final pass may replace', () => {
  it('replaces machine text the researcher has not touched', () => {
    expect(isResearcherWork(segment('a', 0, 2), none)).toBe(false);
  });
  it('never replaces edited, checked, quoted or reviewed-unclear segments', () => {
    expect(isResearcherWork(segment('a', 0, 2, { source: 'edited' }), none)).toBe(true);
    expect(isResearcherWork(segment('a', 0, 2, { checked: true }), none)).toBe(true);
    expect(isResearcherWork(segment('a', 0, 2), new Set(['a']))).toBe(true);
    expect(isResearcherWork(segment('a', 0, 2, { unclear: [{ start: 0, end: 1, guess: null, kept: true }] }), none)).toBe(true);
  });
  it('takes the segments a quote is anchored in', () => {
    const ids = quotedSegmentIds([{ start: { segmentId: 'a' }, end: { segmentId: 'c' } }]);
    expect([...ids].sort()).toEqual(['a', 'c']);
  });
});

describe('mapping a new utterance onto old segments', () => {
  const old = [segment('a', 0, 3), segment('b', 3.2, 6), segment('c', 6.1, 9), segment('other', 1, 5, { channel: 'interviewer' })];
  it('covers the segments of its channel whose middle lies inside it', () => {
    expect(coveredSegments({ channel: 'participant', start: 2.8, end: 7.5 }, old).map((s) => s.id)).toEqual(['b']);
    expect(coveredSegments({ channel: 'participant', start: 0, end: 9.5 }, old).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
  it('replaces what it covers when the researcher touched none of it', () => {
    expect(planFinalUtterance({ channel: 'participant', start: 0, end: 6.5 }, 'text', old, none)).toEqual({ kind: 'replace', deleteIds: ['a', 'b'] });
  });
  it('adds speech the live pass missed', () => {
    expect(planFinalUtterance({ channel: 'participant', start: 20, end: 25 }, 'text', old, none)).toEqual({ kind: 'replace', deleteIds: [] });
  });
  it('keeps everything and puts the reading beside the researcher’s segment that overlaps most', () => {
    const worked = [segment('a', 0, 3), segment('b', 3.2, 6, { source: 'edited' }), segment('c', 6.1, 9, { checked: true })];
    expect(planFinalUtterance({ channel: 'participant', start: 0, end: 9.5 }, 'text', worked, none)).toEqual({ kind: 'reading', segmentId: 'c' });
    expect(planFinalUtterance({ channel: 'participant', start: 0, end: 6.5 }, 'text', worked, none)).toEqual({ kind: 'reading', segmentId: 'b' });
  });
  it('never deletes old text for an empty reading', () => {
    expect(planFinalUtterance({ channel: 'participant', start: 0, end: 6.5 }, 'nothing', old, none)).toEqual({ kind: 'keep' });
  });
  it('keeps the live text where the new reading is only the marker for speech it could not transcribe', () => {
    expect(planFinalUtterance({ channel: 'participant', start: 0, end: 6.5 }, 'untranscribed', old, none)).toEqual({ kind: 'keep' });
    // Where the live pass had nothing, the marker says speech is there.
    expect(planFinalUtterance({ channel: 'participant', start: 20, end: 25 }, 'untranscribed', old, none)).toEqual({ kind: 'replace', deleteIds: [] });
  });
});

describe('resuming', () => {
  it('starts a fresh pass at the beginning', () => {
    expect(resumePoint(undefined)).toEqual({ run: 0, from: 0 });
    expect(resumePoint(newFinalPass('m', 1))).toEqual({ run: 0, from: 0 });
  });
  it('goes on after the last utterance written', () => {
    expect(resumePoint({ ...newFinalPass('m', 1), runsDone: 1, doneUntil: 312.5 })).toEqual({ run: 1, from: 312.5 });
  });
  it('counts progress over all the audio', () => {
    expect(finalPassFraction({ state: 'running', totalSeconds: 200, doneSeconds: 50 })).toBe(0.25);
    expect(finalPassFraction({ state: 'waiting', totalSeconds: 0, doneSeconds: 0 })).toBe(0);
    expect(finalPassFraction({ state: 'done', totalSeconds: 0, doneSeconds: 0 })).toBe(1);
  });
});

describe('state transitions', () => {
  it('runs a requested pass, gives way to a recording, and finishes', () => {
    expect(nextFinalPassState(undefined, 'request')).toBe('waiting');
    expect(nextFinalPassState('waiting', 'run')).toBe('running');
    expect(nextFinalPassState('running', 'yield')).toBe('waiting');
    expect(nextFinalPassState('running', 'finish')).toBe('done');
  });
  it('pauses, resumes and cancels only where that means something', () => {
    expect(nextFinalPassState('running', 'pause')).toBe('paused');
    expect(nextFinalPassState('paused', 'resume')).toBe('waiting');
    expect(nextFinalPassState('done', 'pause')).toBeNull();
    expect(nextFinalPassState('paused', 'run')).toBeNull();
    expect(nextFinalPassState('paused', 'cancel')).toBe('cancelled');
    expect(nextFinalPassState('done', 'cancel')).toBeNull();
    expect(nextFinalPassState('running', 'request')).toBeNull();
  });
  it('starts over after a finished, failed or cancelled pass, but resumes a paused one', () => {
    expect(restartsPass('done')).toBe(true);
    expect(restartsPass('failed')).toBe(true);
    expect(restartsPass('paused')).toBe(false);
    expect(nextFinalPassState('paused', 'request')).toBe('waiting');
  });
  it('picks up waiting passes, and running ones a restart cut off', () => {
    expect(isPending({ state: 'running' })).toBe(true);
    expect(isPending({ state: 'waiting' })).toBe(true);
    expect(isPending({ state: 'paused' })).toBe(false);
    expect(isPending(undefined)).toBe(false);
  });
});

describe('placing decoded audio in session time', () => {
  it('starts it late by what the chunks should hold and it does not', () => {
    expect(decodedLateBy(40, 38.5)).toBeCloseTo(1.5);
    expect(decodedLateBy(40, 40.2)).toBe(0);
  });
});

describe('spreading the pass over the machine', () => {
  it('runs two single-thread workers on a 2-core machine, where a second thread barely speeds a decoder step', () => {
    expect(finalPassLanes({ cores: 2, memoryGigabytes: 8 })).toEqual({ lanes: 2, threads: 1 });
    expect(finalPassLanes({ cores: 3 })).toEqual({ lanes: 2, threads: 1 });
  });

  it('gives each of the two workers half the cores on larger machines, at most 4', () => {
    expect(finalPassLanes({ cores: 4, memoryGigabytes: 8 })).toEqual({ lanes: 2, threads: 2 });
    expect(finalPassLanes({ cores: 8, memoryGigabytes: 16 })).toEqual({ lanes: 2, threads: 4 });
    expect(finalPassLanes({ cores: 32, memoryGigabytes: 64 })).toEqual({ lanes: 2, threads: 4 });
  });

  it('keeps to one worker on one core, or where the machine reports under 4 GB (each worker holds a copy of the model)', () => {
    expect(finalPassLanes({ cores: 1, memoryGigabytes: 8 })).toEqual({ lanes: 1, threads: 1 });
    expect(finalPassLanes({ cores: 4, memoryGigabytes: 2 })).toEqual({ lanes: 1, threads: 4 });
    expect(finalPassLanes({ cores: 2, memoryGigabytes: 0.5 })).toEqual({ lanes: 1, threads: 2 });
  });
});
