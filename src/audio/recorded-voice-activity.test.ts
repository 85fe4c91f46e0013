import { describe, expect, it } from 'vitest';
import { rms } from './levels';
import { RecordedVoiceActivityDetector } from './recorded-voice-activity';
import { concatenate, mixInto, noise, seededRandom, speechLike } from './test-signals';
import { UtteranceSegmenter, type FrameProbabilities } from './utterance-segmenter';
import type { VoiceActivityDetector } from './voice-activity';

const RATE = 16_000;
const FRAME = 512;

/** A 512-sample detector like Silero whose answer follows the frame's level (crossing both thresholds). */
function levelDetector(): VoiceActivityDetector & { frameSize: number; calls: number } {
  const detector = {
    frameSize: FRAME,
    calls: 0,
    process(frame: Float32Array) {
      detector.calls++;
      return Math.min(1, rms(frame) * 8);
    },
    reset: () => {},
  };
  return detector;
}

/** A fallback that must not be asked. */
const never: VoiceActivityDetector = {
  frameSize: FRAME,
  process: () => {
    throw new Error('the fallback was asked');
  },
  reset: () => {},
};

const random = seededRandom(5);
const signal = mixInto(
  concatenate(new Float32Array(RATE), speechLike(3, RATE, -22, random), new Float32Array(RATE * 1.5), speechLike(2, RATE, -26, random), new Float32Array(RATE)),
  noise(8.5, RATE, -55, random),
);

/** What the call's detector said of every frame of `samples`, as its speech track keeps it, in stretches of `stretchFrames`. */
function recordedTrack(samples: Float32Array, start: number, stretchFrames: number): FrameProbabilities[] {
  const detector = levelDetector();
  const answers = Array.from({ length: Math.floor(samples.length / FRAME) }, (_, frame) => detector.process(samples.subarray(frame * FRAME, (frame + 1) * FRAME)));
  const track: FrameProbabilities[] = [];
  for (let first = 0; first < answers.length; first += stretchFrames) {
    track.push({ start: start + (first * FRAME) / RATE, frameSeconds: FRAME / RATE, probabilities: Float32Array.from(answers.slice(first, first + stretchFrames)) });
  }
  return track;
}

async function cut(samples: Float32Array, detector: VoiceActivityDetector) {
  const segmenter = new UtteranceSegmenter({ detector });
  const utterances = [...(await segmenter.push(samples)), ...(await segmenter.flush())];
  return utterances.map(({ start, end, speechRatio }) => ({ start, end, speechRatio }));
}

describe('RecordedVoiceActivityDetector', () => {
  it('cuts as the detector itself cuts, without running anything, from the answers kept during the call', async () => {
    const direct = await cut(signal, levelDetector());
    expect(direct).toHaveLength(2);
    // The call's clock: this audio started 600 s into the session.
    const recorded = new RecordedVoiceActivityDetector({
      track: recordedTrack(signal, 600, 312),
      startSeconds: 0,
      trackTime: (seconds) => seconds + 600,
      fallback: never,
      sampleRate: RATE,
    });
    expect(await cut(signal, recorded)).toEqual(direct);
    expect(recorded.counts).toEqual({ recorded: Math.floor(signal.length / FRAME), detected: 0 });
  });

  it('asks the fallback only for the frames the track lacks (lost in a crash), and cuts the same where it agrees', async () => {
    const track = recordedTrack(signal, 0, 50).filter((_, index) => index !== 3);
    const fallback = levelDetector();
    const recorded = new RecordedVoiceActivityDetector({ track, startSeconds: 0, trackTime: (seconds) => seconds, fallback, sampleRate: RATE });
    expect(await cut(signal, recorded)).toEqual(await cut(signal, levelDetector()));
    expect(fallback.calls).toBe(50);
    expect(recorded.counts.detected).toBe(50);
  });

  it('starts mid-recording (a pass resumed) at the right frame of the track', async () => {
    // On a frame boundary of the recording, so the detector run directly sees the very frames the track kept
    // (off a boundary, each frame takes the kept frame its middle falls in).
    const from = 70 * FRAME;
    const rest = signal.subarray(from);
    const recorded = new RecordedVoiceActivityDetector({
      track: recordedTrack(signal, 0, 312),
      startSeconds: from / RATE,
      trackTime: (seconds) => seconds,
      fallback: never,
      sampleRate: RATE,
    });
    const segmenter = new UtteranceSegmenter({ detector: recorded });
    const utterances = [...(await segmenter.push(rest, from / RATE)), ...(await segmenter.flush())];
    const direct = new UtteranceSegmenter({ detector: levelDetector() });
    const expected = [...(await direct.push(rest, from / RATE)), ...(await direct.flush())];
    expect(utterances.map(({ start, end }) => [start, end])).toEqual(expected.map(({ start, end }) => [start, end]));
  });

  it("ignores answers kept in another detector's frames (the energy detector's 30 ms)", async () => {
    const energyTrack = [{ start: 0, frameSeconds: 0.03, probabilities: new Float32Array(400).fill(1) }];
    const fallback = levelDetector();
    const recorded = new RecordedVoiceActivityDetector({ track: energyTrack, startSeconds: 0, trackTime: (seconds) => seconds, fallback, sampleRate: RATE });
    expect(await cut(signal, recorded)).toEqual(await cut(signal, levelDetector()));
    expect(recorded.counts.recorded).toBe(0);
  });
});
