#!/usr/bin/env node
/**
 * Transcribes recordings with a model in models/ and scores the text against
 * reference transcripts (src/transcribe/evaluation): WER and CER after the
 * documented normalisation, [uklart] precision and recall, real-time factor.
 *
 *   npm run eval -- --model <name> --audio <folder> --reference <folder> [--language no] [--json]
 *
 * Each <audio>/<name>.wav (PCM or float, any rate, mono or stereo) is scored
 * against <reference>/<name>.txt or <name>.vtt. Runs in Node on
 * onnxruntime-node's CPU backend, through the product's own transcriber and the
 * same cutting and [uklart] policy as an imported recording
 * (src/transcribe/file-transcription.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createJiti } from 'jiti';

const usage = 'npm run eval -- --model <name in models/> --audio <folder of .wav> --reference <folder of .txt/.vtt> [--language no] [--json]';
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      model: { type: 'string' },
      audio: { type: 'string' },
      reference: { type: 'string' },
      language: { type: 'string', default: 'no' },
      json: { type: 'boolean', default: false },
      live: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\nUsage: ${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(`Usage: ${usage}`);
  process.exit(0);
}
function fail(message) {
  console.error(`eval: ${message}\nUsage: ${usage}`);
  process.exit(2);
}
if (!options.model || !options.audio || !options.reference) fail('--model, --audio and --reference are required.');
if (options.live) fail('--live (the live path\'s cutting with early finals) is not available yet: the evaluation runs the imported-recording path.');

const repository = fileURLToPath(new URL('../../', import.meta.url));
const modelsFolder = join(repository, 'models');
const audioFolder = resolve(options.audio);
const referenceFolder = resolve(options.reference);
if (!existsSync(join(modelsFolder, options.model, 'manifest.json'))) fail(`no model "${options.model}" in ${modelsFolder} (fetch or convert one first: docs/models.md).`);
if (!existsSync(audioFolder)) fail(`no folder ${audioFolder}.`);
if (!existsSync(referenceFolder)) fail(`no folder ${referenceFolder}.`);

const jiti = createJiti(import.meta.url);
// Through jiti too, so env is the very transformers.js instance the transcriber uses.
const { env } = await jiti.import('@huggingface/transformers');
const { transcribeRecording, parseModelManifest } = await jiti.import(join(repository, 'src/transcribe/index.ts'));
const { WhisperTranscriber } = await jiti.import(join(repository, 'src/transcribe/whisper-transcriber.ts'));
const { decodeWav, downmixToMono, resampleOnce, TARGET_SAMPLE_RATE } = await jiti.import(join(repository, 'src/audio/index.ts'));
const evaluation = await jiti.import(join(repository, 'src/transcribe/evaluation/index.ts'));
const { isWhisperLanguage } = await jiti.import(join(repository, 'src/messages/index.ts'));
if (!isWhisperLanguage(options.language)) fail(`unknown language "${options.language}" (Whisper's codes, e.g. no, nn, en).`);

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${modelsFolder}/`;
env.useFSCache = false;

const audioFiles = readdirSync(audioFolder).filter((name) => extname(name).toLowerCase() === '.wav').sort();
if (audioFiles.length === 0) fail(`no .wav files in ${audioFolder}.`);
const pairs = audioFiles.map((file) => {
  const stem = basename(file, extname(file));
  const referenceFile = evaluation.REFERENCE_EXTENSIONS.map((extension) => join(referenceFolder, stem + extension)).find((path) => existsSync(path));
  if (!referenceFile) fail(`no reference for ${file}: expected ${stem}.txt or ${stem}.vtt in ${referenceFolder}.`);
  return { file, referenceFile };
});

const manifest = parseModelManifest(JSON.parse(readFileSync(join(modelsFolder, options.model, 'manifest.json'), 'utf8')));
if (manifest.kind === 'test') {
  console.log(`NOTE: ${options.model} is a test model with random weights: the figures below say nothing about accuracy; they show that the evaluation runs end to end.`);
}
const loadStarted = performance.now();
const transcriber = await WhisperTranscriber.load({ modelName: options.model, device: 'cpu', dtype: manifest.dtype, manifest });
console.log(`model ${options.model} (${manifest.dtype}) loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s; language ${options.language}`);

const files = [];
for (const { file, referenceFile } of pairs) {
  let wav;
  try {
    wav = decodeWav(readFileSync(join(audioFolder, file)));
  } catch (error) {
    fail(`${file} is not a WAV file this tool reads (${error.message}); convert it, e.g. sox in.mp3 -r 16000 -c 1 out.wav.`);
  }
  const mono = downmixToMono(wav.channels);
  const samples = wav.sampleRate === TARGET_SAMPLE_RATE ? mono : resampleOnce(mono, wav.sampleRate, TARGET_SAMPLE_RATE);
  const started = performance.now();
  const segments = await transcribeRecording({
    sessionId: 'evaluation',
    samples,
    language: options.language,
    transcribe: ({ samples: utterance, offset }) => transcriber.transcribe(utterance, { offset, language: options.language, wordTimestamps: true }),
  });
  const processingSeconds = (performance.now() - started) / 1000;
  const hypothesisText = segments.map((segment) => segment.text).join('\n');
  const referenceText = evaluation.referenceText(referenceFile, readFileSync(referenceFile, 'utf8'));
  files.push(evaluation.evaluateFile({ name: file, referenceText, hypothesisText, audioSeconds: samples.length / TARGET_SAMPLE_RATE, processingSeconds }));
}
await transcriber.dispose();

const summary = evaluation.summarise(files);
for (const line of evaluation.reportLines(summary)) console.log(line);
if (options.json) console.log(JSON.stringify({ model: options.model, kind: manifest.kind, dtype: manifest.dtype, language: options.language, ...summary }));
