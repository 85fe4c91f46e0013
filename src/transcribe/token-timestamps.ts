/**
 * Token times from Whisper's cross-attention (openai-whisper's timing.py, as
 * transformers.js's `_extract_token_timestamps` does it), computed the same
 * way but without its costs: transformers.js concatenates every layer's
 * attention element by element with index arithmetic, reduces through generic
 * tensor helpers and sorts a typed array for each median. On base that took
 * about 1 s of a 30 s window's 100 tokens and a quarter of a second for a 5 s
 * utterance (docs/transcription.md), which is plain overhead on the live
 * transcript's latency.
 *
 * Results equal transformers.js's bit for bit (token-timestamps.test.ts
 * compares them): the sums accumulate in float32 in the same order, and the
 * dynamic time warping breaks ties the same way.
 */

/** One layer's cross-attention from one decoder step: dims [batch = 1, heads, tokens, frames]. */
export interface AttentionLike {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface TokenTimestampOptions {
  /** [layer, head] pairs from the model's generation config. */
  alignmentHeads: readonly (readonly [number, number])[];
  /** Encoder frames (positions) holding audio, samples / hop length / 2 as openai-whisper crops (transformers.js passes twice that); null: all of them. */
  numFrames: number | null;
  /** Odd width of the median filter along time; the model config's `median_filter_width`, else 7. */
  medianFilterWidth: number;
  /** Forced tokens before the generated ones (start of transcript, language, task). */
  initTokenCount: number;
  /** Tokens in the output sequence, init tokens included; the result has this length. */
  sequenceLength: number;
  /** Seconds per encoder frame: 0.02 for Whisper. */
  timePrecision?: number;
}

/**
 * Start time (seconds from the window start) of each token of the sequence;
 * init tokens get 0. `steps[s][layer]` is the cross-attention of decoder step s.
 */
export function tokenTimestamps(steps: readonly (readonly AttentionLike[])[], options: TokenTimestampOptions): Float32Array {
  const { alignmentHeads, initTokenCount, sequenceLength } = options;
  const timePrecision = options.timePrecision ?? 0.02;
  const first = steps[0]?.[0];
  if (!first) throw new Error('no cross-attention to time tokens with');
  const allFrames = first.dims[3] ?? 0;
  const frames = options.numFrames ? Math.min(options.numFrames, allFrames) : allFrames;
  const tokens = steps.reduce((sum, step) => sum + (step[0]?.dims[2] ?? 0), 0);

  // weights[head][token][frame], only the alignment heads, only the audio's frames.
  const weights = alignmentHeads.map(([layer, head]) => {
    const matrix = new Float32Array(tokens * frames);
    let row = 0;
    for (const step of steps) {
      const attention = step[layer];
      if (!attention) throw new Error(`Layer index ${layer} is out of bounds for cross attentions (length ${step.length}).`);
      const [, heads = 0, stepTokens = 0, stepFrames = 0] = attention.dims;
      if (head >= heads) throw new Error(`alignment head ${head} is out of bounds (${heads} heads)`);
      for (let token = 0; token < stepTokens; token++, row++) {
        const from = (head * stepTokens + token) * stepFrames;
        matrix.set(attention.data.subarray(from, from + frames), row * frames);
      }
    }
    normaliseColumns(matrix, tokens, frames);
    medianFilterRows(matrix, tokens, frames, options.medianFilterWidth);
    return matrix;
  });

  // Mean over heads of the generated tokens' rows, negated: the path of least cost follows attention.
  const textTokens = tokens - initTokenCount;
  const cost = new Float32Array(textTokens * frames);
  for (const matrix of weights) {
    const rows = matrix.subarray(initTokenCount * frames);
    for (let index = 0; index < cost.length; index++) cost[index] = (cost[index] as number) + (rows[index] as number);
  }
  if (weights.length !== 1) {
    for (let index = 0; index < cost.length; index++) cost[index] = (cost[index] as number) / weights.length;
  }
  for (let index = 0; index < cost.length; index++) cost[index] = -(cost[index] as number);

  const [textIndices, timeIndices] = dynamicTimeWarping(cost, textTokens, frames);
  const jumpTimes: number[] = [];
  for (let index = 0; index < textIndices.length; index++) {
    if (index === 0 || textIndices[index] !== textIndices[index - 1]) jumpTimes.push((timeIndices[index] as number) * timePrecision);
  }
  const times = new Float32Array(sequenceLength);
  const padded = [...new Array<number>(initTokenCount).fill(0), ...jumpTimes];
  if (jumpTimes.length > 0) padded.push(jumpTimes.at(-1) as number);
  times.set(padded);
  return times;
}

/** Each column (frame) to zero mean and unit (population) deviation over the tokens, in float32 as torch does. */
function normaliseColumns(matrix: Float32Array, rows: number, columns: number): void {
  const mean = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) mean[column] = (mean[column] as number) + (matrix[row * columns + column] as number);
  }
  if (rows !== 1) for (let column = 0; column < columns; column++) mean[column] = (mean[column] as number) / rows;
  const deviation = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const difference = (matrix[row * columns + column] as number) - (mean[column] as number);
      deviation[column] = (deviation[column] as number) + difference ** 2;
    }
  }
  for (let column = 0; column < columns; column++) deviation[column] = Math.sqrt((deviation[column] as number) / rows);
  for (let index = 0; index < matrix.length; index++) {
    const column = index % columns;
    matrix[index] = ((matrix[index] as number) - (mean[column] as number)) / (deviation[column] as number);
  }
}

/** Median filter along each row, reflecting at the edges (scipy's `mode='reflect'` without the edge sample twice). */
function medianFilterRows(matrix: Float32Array, rows: number, columns: number, width: number): void {
  if (width % 2 === 0 || width <= 0) throw new Error('Window size must be a positive odd number');
  const half = Math.floor(width / 2);
  const window = new Float32Array(width);
  const source = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    source.set(matrix.subarray(offset, offset + columns));
    for (let column = 0; column < columns; column++) {
      for (let step = -half, slot = 0; step <= half; step++, slot++) {
        let index = column + step;
        if (index < 0) index = -index;
        else if (index >= columns) index = 2 * (columns - 1) - index;
        // Past a too-short row's reflection there is no sample: NaN, as transformers.js reads it.
        insertSorted(window, slot, source[index] ?? Number.NaN);
      }
      matrix[offset + column] = window[half] as number;
    }
  }
}

/** Inserts `value` into the sorted `window[0..count)`, ordering as a typed array's sort does (NaN last). */
function insertSorted(window: Float32Array, count: number, value: number): void {
  let position = count;
  while (position > 0 && sortsAfter(window[position - 1] as number, value)) {
    window[position] = window[position - 1] as number;
    position--;
  }
  window[position] = value;
}

function sortsAfter(left: number, right: number): boolean {
  if (Number.isNaN(left)) return !Number.isNaN(right);
  if (Number.isNaN(right)) return false;
  return left > right || (left === 0 && right === 0 && Object.is(left, 0) && Object.is(right, -0));
}

/** Cheapest monotone path through `cost` [rows × columns]; ties broken as transformers.js (and openai-whisper) do. */
export function dynamicTimeWarping(cost: Float32Array, rows: number, columns: number): [number[], number[]] {
  const width = columns + 1;
  const total = new Float64Array((rows + 1) * width).fill(Infinity);
  const trace = new Int8Array((rows + 1) * width).fill(-1);
  total[0] = 0;
  for (let column = 1; column <= columns; column++) {
    for (let row = 1; row <= rows; row++) {
      const diagonal = total[(row - 1) * width + column - 1] as number;
      const up = total[(row - 1) * width + column] as number;
      const left = total[row * width + column - 1] as number;
      let best: number;
      let move: number;
      if (diagonal < up && diagonal < left) {
        best = diagonal;
        move = 0;
      } else if (up < diagonal && up < left) {
        best = up;
        move = 1;
      } else {
        best = left;
        move = 2;
      }
      total[row * width + column] = (cost[(row - 1) * columns + column - 1] as number) + best;
      trace[row * width + column] = move;
    }
  }
  for (let column = 0; column <= columns; column++) trace[column] = 2;
  for (let row = 0; row <= rows; row++) trace[row * width] = 1;

  const textIndices: number[] = [];
  const timeIndices: number[] = [];
  let row = rows;
  let column = columns;
  while (row > 0 || column > 0) {
    textIndices.push(row - 1);
    timeIndices.push(column - 1);
    const move = trace[row * width + column];
    if (move === 0) {
      row--;
      column--;
    } else if (move === 1) row--;
    else if (move === 2) column--;
    else throw new Error(`dynamic time warping reached an unset cell (${row}, ${column})`);
  }
  textIndices.reverse();
  timeIndices.reverse();
  return [textIndices, timeIndices];
}
