/**
 * The shipped model, run through onnxruntime-web's own bundle (the entry the
 * offscreen document imports) on the repository's espeak recordings and on
 * synthetic noise that fools the energy detector.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIntoFrames } from './frames';
import { resampleOnce } from './resample';
import { oneRunAtATime, SILERO_FRAME_SIZE, SileroVoiceActivityDetector, type SileroModel } from './silero-voice-activity';
import { concatenate, noise, randomChunks, seededRandom } from './test-signals';
import { UtteranceSegmenter, type Utterance } from './utterance-segmenter';
import { SilenceGatedVoiceActivityDetector } from './silence-gated-voice-activity';
import type { VoiceActivityDetector } from './voice-activity';
import { decodeWav } from './wav';

const RATE = 16_000;
const FRAME_SECONDS = SILERO_FRAME_SIZE / RATE;
const MODEL_FILE = new URL('../../public/vad/silero-vad-v5-16k.onnx', import.meta.url);
/** Where participant-with-dropout.wav holds exact zeros (a lost stretch of the call). */
const DROPOUT = { start: 6.084, end: 8.084 };

let model: SileroModel<ort.Tensor>;

beforeAll(async () => {
  // As in the offscreen document: one thread, no proxy worker.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const session = await ort.InferenceSession.create(readFileSync(MODEL_FILE), { executionProviders: ['wasm'] });
  model = { session, tensor: (type, data, dims) => new ort.Tensor(type, data, dims) };
  // Compiling the wasm runtime takes a few seconds on two cores, and far longer when other work shares them.
}, 60_000);

function recording(name: string): Float32Array {
  const wav = decodeWav(readFileSync(new URL(`../../tests/e2e/audio/${name}.wav`, import.meta.url)));
  return resampleOnce(wav.channels[0]!, wav.sampleRate, RATE);
}

async function probabilities(samples: Float32Array, detector = new SileroVoiceActivityDetector(model)): Promise<number[]> {
  const values: number[] = [];
  for (const frame of splitIntoFrames(samples, SILERO_FRAME_SIZE)) values.push(await detector.process(frame));
  return values;
}

async function utterances(
  samples: Float32Array,
  chunks: Float32Array[] = [samples],
  detector: VoiceActivityDetector = new SileroVoiceActivityDetector(model),
): Promise<Utterance[]> {
  const segmenter = new UtteranceSegmenter({ detector });
  const found: Utterance[] = [];
  for (const chunk of chunks) found.push(...(await segmenter.push(chunk)));
  return [...found, ...(await segmenter.flush())];
}

/** Start times of 32 ms frames whose level is above -40 dBFS: where espeak speaks (it writes zeros between words). */
function loudFrames(samples: Float32Array): number[] {
  return splitIntoFrames(samples, SILERO_FRAME_SIZE)
    .map((frame, index) => ({ index, power: frame.reduce((sum, value) => sum + value * value, 0) / frame.length }))
    .filter(({ power }) => 10 * Math.log10(power) > -40)
    .map(({ index }) => index * FRAME_SECONDS);
}

/** Pink noise (Paul Kellett's filter over white noise) at about `levelDbfs` RMS: a fan, an air conditioner. */
function pinkNoise(seconds: number, levelDbfs: number, random = seededRandom(8)): Float32Array {
  const samples = new Float32Array(Math.round(seconds * RATE));
  let [b0, b1, b2, b3, b4, b5, b6] = [0, 0, 0, 0, 0, 0, 0];
  for (let index = 0; index < samples.length; index++) {
    const white = 2 * random() - 1;
    b0 = 0.99886 * b0 + white * 0.0555179;
    b1 = 0.99332 * b1 + white * 0.0750759;
    b2 = 0.969 * b2 + white * 0.153852;
    b3 = 0.8665 * b3 + white * 0.3104856;
    b4 = 0.55 * b4 + white * 0.5329522;
    b5 = -0.7616 * b5 - white * 0.016898;
    samples[index] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
    b6 = white * 0.115926;
  }
  const rms = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
  const gain = 10 ** (levelDbfs / 20) / rms;
  return samples.map((value) => value * gain);
}

/**
 * Music-like: major and minor triads with five harmonics each, a new chord every
 * 0.5-1.5 s, at about -29 dBFS. (At -22 dBFS the model calls 0-2 % of these frames
 * speech, and one seed in four then gives a short utterance of low speechRatio.)
 */
function chords(seconds: number, random = seededRandom(9)): Float32Array {
  const samples = new Float32Array(Math.round(seconds * RATE));
  let at = 0;
  while (at < samples.length) {
    const length = Math.min(samples.length - at, Math.round((0.5 + random()) * RATE));
    const root = 110 * 2 ** Math.floor(random() * 24 / 12 + random());
    const third = random() < 0.5 ? 4 : 3;
    for (const semitones of [0, third, 7]) {
      const frequency = root * 2 ** (semitones / 12);
      for (let harmonic = 1; harmonic <= 5; harmonic++) {
        if (frequency * harmonic > 7000) break;
        const amplitude = 0.035 / harmonic;
        for (let index = 0; index < length; index++) {
          const envelope = Math.min(1, index / 400) * Math.exp(-index / (1.2 * RATE));
          samples[at + index]! += amplitude * envelope * Math.sin((2 * Math.PI * frequency * harmonic * index) / RATE);
        }
      }
    }
    at += length;
  }
  return samples;
}

describe('SileroVoiceActivityDetector (the shipped v5 model)', () => {
  it('hears the interviewer where espeak speaks, as one utterance', async () => {
    const samples = recording('interviewer');
    const found = await utterances(samples);
    expect(found).toHaveLength(1);
    const speech = loudFrames(samples);
    expect(found[0]!.start).toBeLessThanOrEqual(speech[0]!);
    expect(found[0]!.end).toBeGreaterThanOrEqual(speech.at(-1)! + FRAME_SECONDS);
    expect(found[0]!.speechRatio).toBeGreaterThan(0.7);
  });

  it('calls the 2 s of digital silence in the participant recording non-speech, and splits there', async () => {
    const samples = recording('participant-with-dropout');
    const values = await probabilities(samples);
    const inside = values.filter((_, index) => index * FRAME_SECONDS >= DROPOUT.start + 0.1 && (index + 1) * FRAME_SECONDS <= DROPOUT.end);
    expect(Math.max(...inside)).toBeLessThan(0.05);

    const found = await utterances(samples);
    expect(found).toHaveLength(2);
    const [before, after] = found as [Utterance, Utterance];
    expect(before.end).toBeLessThan(DROPOUT.start + 0.5);
    expect(after.start).toBeGreaterThan(DROPOUT.end - 0.3);
    // Every loud frame lies in an utterance: no speech is lost.
    for (const time of loudFrames(samples)) {
      expect(found.some((utterance) => utterance.start <= time && time + FRAME_SECONDS <= utterance.end)).toBe(true);
    }
  });

  it('finds no utterance in a steady tone, music-like chords, pink noise or a fan switching on', async () => {
    const tone = new Float32Array(5 * RATE).map((_, index) => 0.1 * Math.sin((2 * Math.PI * 440 * index) / RATE));
    const music = chords(15);
    const fan = concatenate(pinkNoise(5, -60, seededRandom(12)), pinkNoise(10, -35, seededRandom(13)));
    for (const signal of [tone, music, pinkNoise(10, -40), fan, noise(5, RATE, -45)]) {
      expect(await utterances(signal)).toEqual([]);
    }
    // What the energy detector would have sent to Whisper instead: why live recording uses Silero.
    for (const signal of [tone, music, fan]) {
      const energy = new UtteranceSegmenter();
      expect([...(await energy.push(signal)), ...(await energy.flush())].length).toBeGreaterThan(0);
    }
  });

  it('carries its state from frame to frame: the same utterances in one chunk or in many small ones', async () => {
    const samples = recording('participant-with-dropout');
    const whole = await utterances(samples);
    const blocks = await utterances(samples, randomChunks(samples, 300, seededRandom(5)));
    expect(blocks.map(({ start, end, speechRatio }) => [start, end, speechRatio])).toEqual(whole.map(({ start, end, speechRatio }) => [start, end, speechRatio]));
    // And the state matters: without it (a fresh detector per frame) the answers differ.
    const stateless = [];
    for (const frame of splitIntoFrames(samples.subarray(0, 5 * RATE), SILERO_FRAME_SIZE)) {
      stateless.push(await new SileroVoiceActivityDetector(model).process(frame));
    }
    const carried = await probabilities(samples.subarray(0, 5 * RATE));
    expect(Math.max(...stateless.map((value, index) => Math.abs(value - carried[index]!)))).toBeGreaterThan(0.1);
  });

  it('after reset answers as a new detector does', async () => {
    const speech = recording('interviewer');
    const detector = new SileroVoiceActivityDetector(model);
    await probabilities(speech, detector);
    detector.reset();
    expect(await probabilities(speech, detector)).toEqual(await probabilities(speech));
  });

  it('serves two channels from one model without mixing their state', async () => {
    const shared = oneRunAtATime(model);
    const interviewer = recording('interviewer');
    const participant = recording('participant-with-dropout').subarray(0, interviewer.length);
    const [first, second] = await Promise.all([
      probabilities(interviewer, new SileroVoiceActivityDetector(shared)),
      probabilities(participant, new SileroVoiceActivityDetector(shared)),
    ]);
    expect(first).toEqual(await probabilities(interviewer));
    expect(second).toEqual(await probabilities(participant));
  });

  it('refuses frames of another length than 512 samples', async () => {
    await expect(new SileroVoiceActivityDetector(model).process(new Float32Array(480))).rejects.toThrow(/512/);
  });
});

describe('Silero behind the silence gate (as live recording runs it)', () => {
  it('cuts the same utterances while skipping the model on silent frames', async () => {
    for (const name of ['interviewer', 'participant-with-dropout']) {
      const samples = recording(name);
      const gated = new SilenceGatedVoiceActivityDetector(new SileroVoiceActivityDetector(model));
      const withGate = await utterances(samples, [samples], gated);
      const without = await utterances(samples);
      expect(withGate).toHaveLength(without.length);
      withGate.forEach((utterance, index) => {
        expect(Math.abs(utterance.start - without[index]!.start)).toBeLessThanOrEqual(2 * FRAME_SECONDS);
        expect(Math.abs(utterance.end - without[index]!.end)).toBeLessThanOrEqual(2 * FRAME_SECONDS);
      });
      // espeak writes exact zeros between words, and the dropout is 2 s of them.
      expect(gated.counts.gated).toBeGreaterThan(0);
    }
  });

  it('still gives quiet speech to the model: the interviewer 25 dB softer is heard the same', async () => {
    const soft = recording('interviewer').map((value) => value * 10 ** (-25 / 20));
    const gated = new SilenceGatedVoiceActivityDetector(new SileroVoiceActivityDetector(model));
    const found = await utterances(soft, [soft], gated);
    expect(found).toHaveLength(1);
    expect(found[0]!.speechRatio).toBeGreaterThan(0.5);
  });
});
