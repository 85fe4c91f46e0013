#!/usr/bin/env node
// Runs two Whisper encoders on the same 3000 feature frames in onnxruntime-node
// and prints the largest absolute difference of their outputs, then runs the
// first on a shorter input to show it takes one. convert-checkpoint.py calls it
// (Python's onnxruntime is not available here).
//
//   node scripts/models/compare-encoders.mjs <dynamic.onnx> <fixed.onnx> <mel bins> [short frames]
//
// Prints one JSON line: { maxAbsDifference, maxAbsValue, shortShape }.
import * as ort from 'onnxruntime-node';

const [dynamicPath, fixedPath, melBinsText, shortText = '1000'] = process.argv.slice(2);
if (!dynamicPath || !fixedPath || !melBinsText) {
  console.error('usage: compare-encoders.mjs <dynamic.onnx> <fixed.onnx> <mel bins> [short frames]');
  process.exit(2);
}
const melBins = Number(melBinsText);
const FRAMES = 3000;

/** Log-mel-like values in [-1, 1.5], the same on every run (a linear congruential generator). */
function features(frames) {
  const values = new Float32Array(melBins * frames);
  let state = 20261206;
  for (let index = 0; index < values.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[index] = (state / 2 ** 32) * 2.5 - 1;
  }
  return new ort.Tensor('float32', values, [1, melBins, frames]);
}

async function encode(path, frames) {
  const session = await ort.InferenceSession.create(path, { intraOpNumThreads: 2 });
  try {
    const result = await session.run({ [session.inputNames[0]]: features(frames) });
    return result[session.outputNames[0]];
  } finally {
    await session.release();
  }
}

const dynamic = await encode(dynamicPath, FRAMES);
const fixed = await encode(fixedPath, FRAMES);
if (dynamic.dims.join() !== fixed.dims.join()) {
  console.error(`the encoders' outputs differ in shape: ${dynamic.dims} and ${fixed.dims}`);
  process.exit(1);
}
let maxAbsDifference = 0;
let maxAbsValue = 0;
for (let index = 0; index < dynamic.data.length; index++) {
  maxAbsDifference = Math.max(maxAbsDifference, Math.abs(dynamic.data[index] - fixed.data[index]));
  maxAbsValue = Math.max(maxAbsValue, Math.abs(fixed.data[index]));
}
const short = await encode(dynamicPath, Number(shortText));
console.log(JSON.stringify({ maxAbsDifference, maxAbsValue, shortShape: short.dims }));
