/**
 * Cost of the live audio path. Run: npx vitest bench --run src/audio
 * Each case processes 60 s of 48 kHz audio in 128-frame AudioWorklet blocks; the
 * mean time divided by 60 000 ms is the share of one core the channel needs
 * (the budget is under 3 % for capture + VAD).
 */
import { bench, describe } from 'vitest';
import { ChannelProcessor } from './channel-processor';
import { DropoutDetector } from './dropouts';
import { FRAME_SIZE, splitIntoFrames } from './frames';
import { StreamingResampler } from './resample';
import { concatenate, mixInto, noise, seededRandom, speechLike } from './test-signals';
import { UtteranceSegmenter } from './utterance-segmenter';
import { EnergyVoiceActivityDetector } from './voice-activity';

const INPUT_RATE = 48_000;
const random = seededRandom(7);
const turns: Float32Array[] = [];
for (let second = 0; second < 60; second += 4) turns.push(speechLike(3, INPUT_RATE, -24, random), new Float32Array(INPUT_RATE));
const call = mixInto(concatenate(...turns), noise(60, INPUT_RATE, -65, random));
const blocks = splitIntoFrames(call, 128);
const call16k = new StreamingResampler(INPUT_RATE).push(call);
const frames16k = splitIntoFrames(call16k, FRAME_SIZE);

const options = { iterations: 5, warmupIterations: 1, time: 0 };

describe('60 s of 48 kHz audio', () => {
  bench(
    'whole channel: downmix + resample + VAD + utterances + dropouts + clipping + meter (stereo)',
    async () => {
      const processor = new ChannelProcessor({ inputRate: INPUT_RATE });
      for (let index = 0; index < blocks.length; index++) {
        const block = blocks[index]!;
        await processor.push([block, block], index * (128 / INPUT_RATE));
      }
      await processor.flush();
    },
    options,
  );

  bench(
    'resample 48 -> 16 kHz only',
    () => {
      const resampler = new StreamingResampler(INPUT_RATE);
      for (const block of blocks) resampler.push(block);
      resampler.flush();
    },
    options,
  );

  bench(
    'VAD only (2000 frames of 30 ms)',
    () => {
      const detector = new EnergyVoiceActivityDetector();
      for (const frame of frames16k) detector.process(frame);
    },
    options,
  );

  bench(
    'VAD + utterance segmenter (16 kHz)',
    async () => {
      const segmenter = new UtteranceSegmenter();
      for (let offset = 0; offset < call16k.length; offset += 2048) await segmenter.push(call16k.subarray(offset, offset + 2048));
      await segmenter.flush();
    },
    options,
  );

  bench(
    'dropout detection (48 kHz)',
    () => {
      const detector = new DropoutDetector({ sampleRate: INPUT_RATE });
      for (const block of blocks) detector.push(block);
    },
    options,
  );
});
