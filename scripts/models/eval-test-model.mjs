/**
 * Word error rate of a test model through the product's own transcriber
 * (src/transcribe/whisper-transcriber.ts on transformers.js and
 * onnxruntime-node, as the unit tests and the benchmark run it), on the
 * held-out espeak-ng sentences the training never saw:
 *
 *   npm run bench:test-model [-- --model intervju-test-hears --data /work/train-data --limit 200]
 *
 * Writes the speech first if <data>/eval/ is missing (write-eval-audio.py).
 * Prints, per set, WER (lower-cased words, punctuation ignored), how far the
 * first word's start and the last word's end lie from where the speech starts
 * and ends (word timestamps from the alignment heads), and seconds per
 * utterance; the last line is the summary as JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createJiti } from 'jiti';

const { values: options } = parseArgs({
  options: {
    model: { type: 'string', default: 'intervju-test-hears' },
    data: { type: 'string', default: '/work/train-data' },
    limit: { type: 'string', default: '200' },
    show: { type: 'string', default: '5' },
  },
});
const repository = fileURLToPath(new URL('../../', import.meta.url));
const indexPath = `${options.data}/eval/index.json`;
if (!existsSync(indexPath)) {
  execFileSync('/usr/bin/python3', [`${repository}scripts/models/write-eval-audio.py`, '--data', options.data], { stdio: 'inherit' });
}

const jiti = createJiti(import.meta.url);
// Through jiti too, so env is the very transformers.js instance the transcriber uses.
const { env } = await jiti.import('@huggingface/transformers');
const { WhisperTranscriber } = await jiti.import('../../src/transcribe/whisper-transcriber.ts');
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = `${repository}models/`;
env.useFSCache = false;

/** Lower-cased words without punctuation, as the training script counts them. */
function words(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function editDistance(reference, hypothesis) {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[hypothesis.length];
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const manifest = JSON.parse(readFileSync(`${repository}models/${options.model}/manifest.json`, 'utf8'));
const transcriber = await WhisperTranscriber.load({ modelName: options.model, device: 'cpu', dtype: manifest.dtype, manifest });
const index = JSON.parse(readFileSync(indexPath, 'utf8'));
const summary = { model: options.model };
for (const [set, entries] of Object.entries(index)) {
  let edits = 0;
  let referenceWords = 0;
  let seconds = 0;
  const startErrors = [];
  const endErrors = [];
  let shown = 0;
  for (const entry of entries.slice(0, Number(options.limit))) {
    const bytes = readFileSync(`${options.data}/${entry.file}`);
    const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const started = performance.now();
    const result = await transcriber.transcribe(samples, { offset: 0, language: 'no', wordTimestamps: true });
    seconds += (performance.now() - started) / 1000;
    const reference = words(entry.text);
    const distance = editDistance(reference, words(result.text));
    edits += distance;
    referenceWords += reference.length;
    const timed = result.words.filter((word) => words(word.text).length > 0);
    if (timed.length > 0) {
      startErrors.push(Math.abs(timed[0].start - entry.speechStart));
      endErrors.push(Math.abs(timed.at(-1).end - entry.speechEnd));
    }
    if (distance > 0 && shown < Number(options.show)) {
      console.log(`  ${set}: "${entry.text}" -> "${result.text.trim()}"`);
      shown++;
    }
  }
  const count = Math.min(entries.length, Number(options.limit));
  summary[set] = {
    utterances: count,
    wer: Number((edits / Math.max(1, referenceWords)).toFixed(4)),
    medianFirstWordStartError: median(startErrors),
    medianLastWordEndError: median(endErrors),
    secondsPerUtterance: Number((seconds / Math.max(1, count)).toFixed(3)),
  };
  console.log(`${set}: WER ${summary[set].wer} over ${count} utterances (${referenceWords} words); ` +
    `first word start off by ${summary[set].medianFirstWordStartError?.toFixed(2)} s, last word end by ` +
    `${summary[set].medianLastWordEndError?.toFixed(2)} s (medians); ${summary[set].secondsPerUtterance} s per utterance`);
}
await transcriber.dispose();
console.log(JSON.stringify(summary));
