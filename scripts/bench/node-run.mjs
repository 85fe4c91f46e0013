/**
 * One Node (onnxruntime-node, CPU) measurement, in its own process so its peak
 * memory is its own: `node scripts/bench/node-run.mjs <models folder> <window model> <utterance model> [short]`.
 * `short`: transcribe as the live path does (`shortContext`), which encodes only
 * the audio plus a margin for models whose manifest says `audioContext: short`.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createJiti } from 'jiti';
import { speechLikeAudio } from './audio.mjs';

const [modelsFolder, windowModel, utteranceModel, context] = process.argv.slice(2);
const shortContext = context === 'short';
const jiti = createJiti(import.meta.url);
// Through jiti too, so env is the very transformers.js instance the transcriber uses.
const { env } = await jiti.import('@huggingface/transformers');
const { WhisperTranscriber } = await jiti.import('../../src/transcribe/whisper-transcriber.ts');
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${modelsFolder}/`;
env.useFSCache = false;

async function measure(model, seconds) {
  const loadStarted = performance.now();
  // As the worker does: the manifest names the dtype (fp32, or q8's _quantized files).
  const manifest = JSON.parse(readFileSync(`${modelsFolder}/${model}/manifest.json`, 'utf8'));
  const transcriber = await WhisperTranscriber.load({ modelName: model, device: 'cpu', dtype: manifest.dtype, manifest });
  const loadMs = performance.now() - loadStarted;
  const options = { offset: 0, language: 'no', wordTimestamps: true, shortContext };
  await transcriber.transcribe(speechLikeAudio(5), options);
  const result = await transcriber.transcribe(speechLikeAudio(seconds), options);
  await transcriber.dispose();
  return { loadMs, tokenCount: result.tokenCount, timing: result.timing, encoderContext: result.encoderContext, wallMs: result.timing.totalMs };
}

const window = await measure(windowModel, 30);
const utterance = await measure(utteranceModel, 5);
console.log(JSON.stringify({ window, utterance, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
