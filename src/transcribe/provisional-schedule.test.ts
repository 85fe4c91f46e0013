import { describe, expect, it } from 'vitest';
import { ProvisionalSchedule } from './provisional-schedule';

describe('when a provisional text is transcribed', () => {
  it('waits until an utterance has gone on for a while, then repeats at most every few seconds', () => {
    const schedule = new ProvisionalSchedule<'participant'>({ firstAfterSeconds: 3, everySeconds: 3 });
    expect(schedule.due('participant', null, 10, false)).toBe(false);
    expect(schedule.due('participant', 10, 12.9, false)).toBe(false);
    expect(schedule.due('participant', 10, 13, false)).toBe(true);
    schedule.started('participant', 10, 13);
    expect(schedule.due('participant', 10, 15, false)).toBe(false);
    expect(schedule.due('participant', 10, 16, false)).toBe(true);
  });

  it('never while a final transcription runs or waits: finals come first', () => {
    const schedule = new ProvisionalSchedule<'participant'>();
    expect(schedule.due('participant', 0, 20, true)).toBe(false);
    expect(schedule.due('participant', 0, 20, false)).toBe(true);
  });

  it('starts over for a new utterance and keeps the channels apart', () => {
    const schedule = new ProvisionalSchedule<'participant' | 'interviewer'>({ firstAfterSeconds: 3, everySeconds: 3 });
    schedule.started('participant', 0, 4);
    expect(schedule.due('interviewer', 2, 5, false)).toBe(true);
    // A new utterance from 6 s: its own first wait applies, not the last one's repeat.
    expect(schedule.due('participant', 6, 8, false)).toBe(false);
    expect(schedule.due('participant', 6, 9, false)).toBe(true);
  });

  it('rests twice as long as the last provisional transcription took, on every channel', () => {
    const schedule = new ProvisionalSchedule<'participant' | 'interviewer'>({ firstAfterSeconds: 3, everySeconds: 3 });
    schedule.started('participant', 0, 3);
    // It took 2.5 s (a long utterance on a slow machine): nothing until 5 s later.
    schedule.finished(5.5, 2.5);
    expect(schedule.due('participant', 0, 8, false)).toBe(false);
    expect(schedule.due('interviewer', 1, 10, false)).toBe(false);
    expect(schedule.due('participant', 0, 10.5, false)).toBe(true);
  });

  it('drops a provisional result that arrives after its utterance ended', () => {
    const schedule = new ProvisionalSchedule<'participant'>();
    schedule.started('participant', 5, 9);
    expect(schedule.isCurrent('participant', 5)).toBe(true);
    schedule.ended('participant');
    expect(schedule.isCurrent('participant', 5)).toBe(false);
  });
});
