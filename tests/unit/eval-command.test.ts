/**
 * `npm run eval` end to end on the committed fixtures and the committed test
 * model: it loads the model, transcribes through the product's own code, scores
 * and prints. The test model's text is noise, so only the shape of the report is
 * checked here; the scoring itself is tested in src/transcribe/evaluation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const command = ['scripts/eval/eval.mjs', '--model', 'intervju-test-tiny'];
const fixtures = 'tests/eval-fixtures';

describe('npm run eval', () => {
  it('scores the full-quality pass of every recording against its reference and says the test model means nothing', async () => {
    const { stdout } = await run('node', [...command, '--audio', `${fixtures}/audio`, '--reference', `${fixtures}/reference`, '--json']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/test model with random weights: the figures below say nothing about accuracy/);
    // The test model has word times, so the pass packs its windows.
    expect(stdout).toMatch(/the full-quality pass \(cut as after an interview, Silero VAD; windows packed across long pauses\)/);
    expect(lines.filter((line) => /^intervju-\d\.wav: WER [\d.]+ %, CER [\d.]+ %, \[uklart\] precision/.test(line))).toHaveLength(2);
    expect(stdout).toMatch(/^all 2 files \(11\.9 s of audio\): WER [\d.]+ %/m);
    const summary = JSON.parse(lines.at(-1)!) as { path: string; kind: string; files: { name: string; words: { referenceLength: number }; realTimeFactor: number }[] };
    expect(summary).toMatchObject({ path: 'final', kind: 'test' });
    // The references' words, counted after normalisation ("22" one word; "[uklart]" none).
    expect(summary.files.map((file) => [file.name, file.words.referenceLength])).toEqual([
      ['intervju-1.wav', 13],
      ['intervju-2.wav', 13],
    ]);
    expect(summary.files.every((file) => file.realTimeFactor > 0)).toBe(true);
  }, 120_000);

  it('--live cuts as a call is cut and gives a short-context model its short context, saying the figures mean nothing', async () => {
    // The test model declared a short-context model, in a models folder of its own.
    const models = mkdtempSync(join(tmpdir(), 'intervju-eval-models-'));
    cpSync('models/intervju-test-tiny', join(models, 'intervju-test-tiny'), { recursive: true });
    const manifestPath = join(models, 'intervju-test-tiny', 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, 'utf8')), audioContext: 'short' }));
    const { stdout } = await run('node', [
      ...command,
      '--audio',
      `${fixtures}/audio`,
      '--reference',
      `${fixtures}/reference`,
      '--models',
      models,
      '--live',
      '--json',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/test model with random weights: the figures below say nothing about accuracy/);
    expect(stdout).toMatch(/the live path \(cut as a call is, Silero VAD; short audio context, full-window fallback\)/);
    expect(lines.filter((line) => /^intervju-\d\.wav: WER [\d.]+ %, CER [\d.]+ %, \[uklart\] precision/.test(line))).toHaveLength(2);
    expect(stdout).toMatch(/^short audio context: \d+ of \d+ utterances kept it, \d+ fell back to the full window$/m);
    const summary = JSON.parse(lines.at(-1)!) as {
      path: string;
      kind: string;
      audioContext: { utterances: number; short: number; fellBack: number };
      files: { words: { referenceLength: number } }[];
    };
    expect(summary).toMatchObject({ path: 'live', kind: 'test' });
    // Every utterance the live cutting found went out with the short context, and either kept it or fell back.
    expect(summary.audioContext.utterances).toBeGreaterThan(0);
    expect(summary.audioContext.short + summary.audioContext.fellBack).toBe(summary.audioContext.utterances);
    expect(summary.files.map((file) => file.words.referenceLength)).toEqual([13, 13]);
  }, 120_000);

  it('refuses a recording without a reference, naming what it looked for', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'intervju-eval-'));
    mkdirSync(join(folder, 'audio'));
    mkdirSync(join(folder, 'reference'));
    copyFileSync(`${fixtures}/audio/intervju-1.wav`, join(folder, 'audio', 'samtale.wav'));
    const failure = await run('node', [...command, '--audio', join(folder, 'audio'), '--reference', join(folder, 'reference')]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('no reference for samtale.wav: expected samtale.txt or samtale.vtt');
  }, 60_000);
});
