/**
 * One Node (onnxruntime-node, CPU) measurement, in its own process so its peak
 * memory is its own: `node scripts/bench/node-run.mjs <models folder> <window model> <utterance model>`.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createJiti } from 'jiti';
import { speechLikeAudio } from './audio.mjs';

const [modelsFolder, windowModel, utteranceModel] = process.argv.slice(2);
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
  await transcriber.transcribe(speechLikeAudio(5), { offset: 0, language: 'no', wordTimestamps: true });
  const result = await transcriber.transcribe(speechLikeAudio(seconds), { offset: 0, language: 'no', wordTimestamps: true });
  await transcriber.dispose();
  return { loadMs, tokenCount: result.tokenCount, timing: result.timing, wallMs: result.timing.totalMs };
}

const window = await measure(windowModel, 30);
const utterance = await measure(utteranceModel, 5);
console.log(JSON.stringify({ window, utterance, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
