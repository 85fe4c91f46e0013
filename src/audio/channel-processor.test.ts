import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelProcessor, type ChannelUpdate } from './channel-processor';
import { resampleOnce } from './resample';
import { decodeWav } from './wav';
import { concatenate, mixInto, noise, seededRandom, speechLike } from './test-signals';

const INPUT_RATE = 48_000;

/** Feeds a mono signal as stereo 128-frame AudioWorklet blocks stamped with their time; collects every update. */
async function runLive(processor: ChannelProcessor, signal: Float32Array, startSeconds = 0): Promise<ChannelUpdate[]> {
  const updates: ChannelUpdate[] = [];
  for (let offset = 0; offset < signal.length; offset += 128) {
    const block = signal.subarray(offset, offset + 128);
    updates.push(await processor.push([block, block], startSeconds + offset / processor.inputRate));
  }
  updates.push(await processor.flush());
  return updates;
}

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('ChannelProcessor', () => {
  it('turns a 48 kHz stereo call into timed 16 kHz utterances, dropouts and levels', async () => {
    const random = seededRandom(11);
    const talk = concatenate(
      new Float32Array(INPUT_RATE),
      speechLike(3, INPUT_RATE, -24, random),
      new Float32Array(2 * INPUT_RATE),
      speechLike(2, INPUT_RATE, -24, random),
      new Float32Array(INPUT_RATE),
    );
    const signal = mixInto(talk, noise(9, INPUT_RATE, -65, random));
    // The network drops half a second in the middle of the first turn.
    signal.fill(0, 2.5 * INPUT_RATE, 3 * INPUT_RATE);
    const updates = await runLive(new ChannelProcessor({ inputRate: INPUT_RATE }), signal, 30);

    const utterances = updates.flatMap((update) => update.utterances);
    expect(utterances.map((utterance) => [utterance.start, utterance.end].map((time) => Math.round(time * 10) / 10))).toEqual([
      [30.8, 34.2],
      [35.8, 38.2],
    ]);
    for (const utterance of utterances) expect(utterance.samples.length).toBeCloseTo((utterance.end - utterance.start) * 16_000, -1);

    const dropouts = updates.flatMap((update) => update.dropouts);
    expect(dropouts).toHaveLength(1);
    expect(dropouts[0]!.start).toBeCloseTo(32.5, 2);
    expect(dropouts[0]!.end).toBeCloseTo(33, 2);

    // The meter moved while people talked and the speaking flag was raised during the turns.
    expect(Math.max(...updates.map((update) => update.meter.level))).toBeGreaterThan(0.4);
    const speakingAt = (seconds: number) => updates[Math.floor((seconds * INPUT_RATE) / 128)]!.isSpeaking;
    expect([speakingAt(2), speakingAt(3.5), speakingAt(5), speakingAt(8.8)]).toEqual([true, true, false, false]);
    expect(updates.every((update) => update.silence.state === 'ok')).toBe(true);
  });

  it('warns when the channel goes dead and reports clipping of the captured signal', async () => {
    const loud = speechLike(1, INPUT_RATE, -6, seededRandom(4)).map((value) => Math.max(-1, Math.min(1, value * 4)));
    const signal = concatenate(loud, new Float32Array(22 * INPUT_RATE));
    const updates = await runLive(new ChannelProcessor({ inputRate: INPUT_RATE }), signal);
    expect(updates.flatMap((update) => update.clipping).length).toBeGreaterThan(0);
    const warning = updates.find((update) => update.silence.changed && update.silence.state === 'silent');
    expect(warning).toBeDefined();
    expect(warning!.silence.silentSince).toBeCloseTo(1, 1);
  });

  it.skipIf(!hasEspeak())('finds the sentences of real synthetic Norwegian speech (espeak-ng)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'intervju-audio-'));
    try {
      const file = join(folder, 'speech.wav');
      execFileSync('espeak-ng', ['-v', 'nb', '-w', file, 'Hei, dette er en test. Hvordan opplevde du den første tiden?']);
      const speech = decodeWav(readFileSync(file));
      const voice = resampleOnce(speech.channels[0]!, speech.sampleRate, INPUT_RATE);
      const onset = voice.findIndex((value) => Math.abs(value) > 0.01) / INPUT_RATE;
      const gap = new Float32Array(1.5 * INPUT_RATE);
      const signal = mixInto(concatenate(gap, voice, gap, voice, gap), noise(4.5 + (2 * voice.length) / INPUT_RATE, INPUT_RATE, -62));
      const utterances = (await runLive(new ChannelProcessor({ inputRate: INPUT_RATE }), signal)).flatMap((update) => update.utterances);
      expect(utterances).toHaveLength(2);
      const secondStart = 3 + voice.length / INPUT_RATE;
      expect(Math.abs(utterances[0]!.start - (1.5 + onset - 0.2))).toBeLessThan(0.07);
      expect(Math.abs(utterances[1]!.start - (secondStart + onset - 0.2))).toBeLessThan(0.07);
      expect(utterances[0]!.end).toBeLessThan(secondStart);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
