// Writes transformers.js's Whisper features for raw float32 samples (16 kHz mono),
// so whisper_log_mel.py can be checked against them:
//   node scripts/models/check-log-mel.mjs in.f32 out.f32
// The output is [80, 3000] float32, as the pipeline feeds the encoder.
import { readFile, writeFile } from 'node:fs/promises';
import { WhisperFeatureExtractor } from '@huggingface/transformers';

const [input, output] = process.argv.slice(2);
const config = JSON.parse(await readFile(new URL('../../models/intervju-test-tiny/preprocessor_config.json', import.meta.url), 'utf8'));
const extractor = new WhisperFeatureExtractor(config);
const bytes = await readFile(input);
const samples = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const { input_features: features } = await extractor(samples);
await writeFile(output, Buffer.from(features.data.buffer, features.data.byteOffset, features.data.byteLength));
console.log('dims', features.dims.join('x'));
