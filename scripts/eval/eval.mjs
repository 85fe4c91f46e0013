#!/usr/bin/env node
/**
 * Transcribes recordings with a model in models/ and scores the text against
 * reference transcripts (src/transcribe/evaluation): WER and CER after the
 * documented normalisation, [uklart] precision and recall, real-time factor.
 *
 *   npm run eval -- --model <name> --audio <folder> --reference <folder> [--language no] [--live] [--browser] [--models <folder>] [--json]
 *
 * Each <audio>/<name>.wav (PCM or float, any rate, mono or stereo) is scored
 * against <reference>/<name>.txt or <name>.vtt, through the product's own
 * transcriber and [uklart] policy. By default as the full-quality pass after an
 * interview cuts and transcribes, the text a researcher keeps
 * (src/transcribe/final-pass-transcription.ts: Silero VAD with the pass's
 * cutting, windows packed across long pauses where the model gives word times);
 * with `--live` as a call is
 * cut and transcribed (src/transcribe/live-recording.ts: the capture chain at
 * the file's own rate, Silero as live recording runs it, short context where
 * the model's manifest declares it). The model runs in Node on onnxruntime-node's
 * CPU backend, or with `--browser` in the built extension's worker in headless
 * Chromium (scripts/eval/browser-transcriber.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createJiti } from 'jiti';

const usage =
  'npm run eval -- --model <name in models/> --audio <folder of .wav> --reference <folder of .txt/.vtt> [--language no] [--live] [--browser] [--models <folder>] [--json]';
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
      browser: { type: 'boolean', default: false },
      models: { type: 'string' },
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

const repository = fileURLToPath(new URL('../../', import.meta.url));
// models/ of the repository, or another folder of model folders (each with its manifest.json).
const modelsFolder = options.models ? resolve(options.models) : join(repository, 'models');
const audioFolder = resolve(options.audio);
const referenceFolder = resolve(options.reference);
if (!existsSync(join(modelsFolder, options.model, 'manifest.json'))) fail(`no model "${options.model}" in ${modelsFolder} (fetch or convert one first: docs/models.md).`);
if (!existsSync(audioFolder)) fail(`no folder ${audioFolder}.`);
if (!existsSync(referenceFolder)) fail(`no folder ${referenceFolder}.`);

const jiti = createJiti(import.meta.url);
// Through jiti too, so env is the very transformers.js instance the transcriber uses.
const { env } = await jiti.import('@huggingface/transformers');
const { transcribeAsFinalPass, transcribeAsLive, parseModelManifest } = await jiti.import(join(repository, 'src/transcribe/index.ts'));
const { WhisperTranscriber } = await jiti.import(join(repository, 'src/transcribe/whisper-transcriber.ts'));
const { decodeWav, downmixToMono, resampleOnce, TARGET_SAMPLE_RATE, liveVoiceActivityDetector, oneRunAtATime } = await jiti.import(
  join(repository, 'src/audio/index.ts'),
);
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
const path = options.live
  ? `the live path (cut as a call is, Silero VAD; ${manifest.audioContext === 'short' ? 'short audio context, full-window fallback' : 'full 30 s windows: the model declares no short audio context'})`
  : null;
const runtime = options.browser ? 'the built extension in headless Chromium (WASM)' : 'Node (onnxruntime-node, CPU)';
const loadStarted = performance.now();
const transcriber = await loadTranscriber();
const finalPath = `the full-quality pass (cut as after an interview, Silero VAD; ${
  transcriber.wordTimestamps ? 'windows packed across long pauses' : 'windows not packed: the model gives no word times'
})`;
console.log(
  `model ${options.model} (${manifest.dtype}) loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s; language ${options.language}; ${path ?? finalPath}; in ${runtime}`,
);
const sileroModel = await loadSilero();
const detector = () => liveVoiceActivityDetector(sileroModel, (cause) => console.warn(`eval: Silero failed, the energy detector cuts from here on (${cause})`));

const files = [];
/** Live path only: utterances sent with a short-context request, and what became of them. */
const fallbacks = { utterances: 0, short: 0, fellBack: 0 };
for (const { file, referenceFile } of pairs) {
  let wav;
  try {
    wav = decodeWav(readFileSync(join(audioFolder, file)));
  } catch (error) {
    fail(`${file} is not a WAV file this tool reads (${error.message}); convert it, e.g. sox in.mp3 -r 16000 -c 1 out.wav.`);
  }
  const mono = downmixToMono(wav.channels);
  const started = performance.now();
  const transcribe = ({ id, samples: utterance, offset, shortContext = false }) =>
    transcriber.transcribe({ id, samples: utterance, offset, language: options.language, wordTimestamps: true, shortContext });
  const segments = options.live
    ? // At the file's own rate: the live chain resamples captured audio itself.
      await transcribeAsLive({
        sessionId: 'evaluation',
        samples: mono,
        sampleRate: wav.sampleRate,
        language: options.language,
        detector: detector(),
        transcribe,
      })
    : await transcribeAsFinalPass({
        sessionId: 'evaluation',
        samples: wav.sampleRate === TARGET_SAMPLE_RATE ? mono : resampleOnce(mono, wav.sampleRate, TARGET_SAMPLE_RATE),
        language: options.language,
        detector: detector(),
        wordTimestamps: transcriber.wordTimestamps,
        transcribe,
      });
  const processingSeconds = (performance.now() - started) / 1000;
  const hypothesisText = segments.map((segment) => segment.text).join('\n');
  const referenceText = evaluation.referenceText(referenceFile, readFileSync(referenceFile, 'utf8'));
  files.push(evaluation.evaluateFile({ name: file, referenceText, hypothesisText, audioSeconds: mono.length / wav.sampleRate, processingSeconds }));
}
await transcriber.dispose();
if (options.live && manifest.audioContext === 'short') {
  console.log(`short audio context: ${fallbacks.short} of ${fallbacks.utterances} utterances kept it, ${fallbacks.fellBack} fell back to the full window`);
}

const summary = evaluation.summarise(files);
for (const line of evaluation.reportLines(summary)) console.log(line);
if (options.json) {
  console.log(
    JSON.stringify({
      model: options.model,
      kind: manifest.kind,
      dtype: manifest.dtype,
      language: options.language,
      path: options.live ? 'live' : 'final',
      runtime: options.browser ? 'chromium' : 'node',
      audioContext: options.live ? fallbacks : null,
      ...summary,
    }),
  );
}

/** The model in Node or in the extension, behind one `transcribe(request)` that also counts short contexts. */
async function loadTranscriber() {
  let model;
  if (options.browser) {
    const { startBrowserTranscriber } = await import('./browser-transcriber.mjs');
    const browser = await startBrowserTranscriber({ repository, modelsFolder, model: options.model, jiti, log: (line) => console.error(line) });
    model = { transcribe: browser.transcribe, dispose: browser.close, wordTimestamps: browser.info.wordTimestamps };
  } else {
    const node = await WhisperTranscriber.load({ modelName: options.model, device: 'cpu', dtype: manifest.dtype, manifest });
    model = {
      transcribe: ({ samples, offset, language, wordTimestamps, shortContext }) => node.transcribe(samples, { offset, language, wordTimestamps, shortContext }),
      dispose: () => node.dispose(),
      wordTimestamps: node.info.wordTimestamps,
    };
  }
  return {
    wordTimestamps: model.wordTimestamps,
    async transcribe(request) {
      const result = await model.transcribe(request);
      const context = result.encoderContext;
      if (request.shortContext && context) {
        fallbacks.utterances++;
        if (context.fullWindowFallback) fallbacks.fellBack++;
        else if (context.inputFrames.every((frames) => frames < 3000)) fallbacks.short++;
      }
      return result;
    },
    dispose: () => model.dispose(),
  };
}

/** Silero VAD as live recording and the pass load it (public/vad/), on onnxruntime-node: the same model. */
async function loadSilero() {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(readFileSync(join(repository, 'public/vad/silero-vad-v5-16k.onnx')));
  return oneRunAtATime({ session, tensor: (type, data, dims) => new ort.Tensor(type, data, dims) });
}
