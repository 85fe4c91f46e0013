import { describe, expect, it } from 'vitest';
import type { AudioChunkMetadata } from '../store/records';
import { audioRuns, mediaTimeOf, runAt, sessionTimeOf } from './audio-timeline';

const WEBM = 'audio/webm;codecs=opus';
function chunk(channel: AudioChunkMetadata['channel'], sequence: number, start: number, end: number, codec = WEBM): AudioChunkMetadata {
  return { id: `${channel}-${start}`, sessionId: 's', channel, sequence, start, end, codec };
}

describe('where stored audio lies in session time', () => {
  it('makes one run per recording and channel; a sequence starting again begins a new one', () => {
    const runs = audioRuns([
      chunk('participant', 0, 0, 2),
      chunk('participant', 1, 2, 4),
      chunk('interviewer', 0, 0.1, 2.1),
      chunk('participant', 0, 30, 32),
    ]);
    expect(runs.map((run) => [run.channel, run.start, run.end, run.chunkIds.length])).toEqual([
      ['interviewer', 0.1, 2.1, 1],
      ['participant', 0, 4, 2],
      ['participant', 30, 32, 1],
    ]);
    expect(runAt(runs, 'participant', 31)?.start).toBe(30);
    expect(runAt(runs, 'participant', 10)).toBeNull();
  });

  it('maps session time to the file’s time and back, placing a paused chunk’s audio after the resume', () => {
    // Paused from 3 s to 10 s: the second chunk spans 2–11 s but holds 2 s of audio (9–11 s).
    const [run] = audioRuns([chunk('participant', 0, 0, 2), chunk('participant', 1, 2, 11), chunk('participant', 2, 11, 13)]);
    expect(mediaTimeOf(run!, 1)).toBe(1);
    expect(mediaTimeOf(run!, 10)).toBe(3);
    expect(mediaTimeOf(run!, 12)).toBe(5);
    expect(sessionTimeOf(run!, 3)).toBe(10);
    expect(sessionTimeOf(run!, 5)).toBe(12);
  });

  it('takes an imported file’s single chunk as long as its span', () => {
    const [run] = audioRuns([chunk('mixed', 0, 0, 95.5, 'audio/wav')]);
    expect(mediaTimeOf(run!, 80)).toBe(80);
    expect(sessionTimeOf(run!, 80)).toBe(80);
  });
});
