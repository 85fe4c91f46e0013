/**
 * Downmix and sample-rate conversion to the 16 kHz mono that Whisper and the VAD
 * expect. Runs inside an AudioWorklet (128-frame blocks at 44.1/48 kHz), so it is
 * streaming, allocation-light and has no DOM or Web Audio dependency.
 *
 * Method: windowed-sinc (Kaiser) polyphase FIR on the exact rational ratio
 * outputRate/inputRate (48 kHz -> 16 kHz is 1/3, 44.1 kHz -> 16 kHz is 160/441).
 * Output sample n sits at input time n * inputRate / outputRate, so timestamps
 * need no delay correction.
 */

/** The rate every later stage (frames, VAD, Whisper) works at. */
export const TARGET_SAMPLE_RATE = 16_000;

export interface ResamplerOptions {
  /** Cut-off (the -6 dB point) as a fraction of the lower Nyquist frequency (default 0.9: 7.2 kHz at 16 kHz; -0.4 dB at 6.5 kHz). */
  cutoffRatio?: number;
  /** Sinc zero crossings on each side of the centre (default 16: >= 59 dB from 8.3 kHz, >= 86 dB from 8.6 kHz); more = steeper, slower. */
  zeroCrossings?: number;
  /** Kaiser window shape (default 8.5, about 85 dB stop-band). */
  kaiserBeta?: number;
}

/** Phase tables beyond this size would cost memory for no audible gain; odd ratios round to the nearest phase. */
const MAXIMUM_PHASES = 1024;

/**
 * Averages any number of channels into one. Pass `output` (at least as long as the
 * channels) to reuse a buffer on a live stream; the result is then a view of it.
 */
export function downmixToMono(channels: Float32Array[], output?: Float32Array): Float32Array {
  const length = channels.length === 0 ? 0 : Math.min(...channels.map((channel) => channel.length));
  const mono = output && output.length >= length ? output.subarray(0, length) : new Float32Array(length);
  const first = channels[0];
  if (!first) return mono;
  mono.set(first.subarray(0, length));
  for (let channel = 1; channel < channels.length; channel++) {
    const samples = channels[channel]!;
    for (let index = 0; index < length; index++) mono[index]! += samples[index]!;
  }
  if (channels.length > 1) {
    const scale = 1 / channels.length;
    for (let index = 0; index < length; index++) mono[index]! *= scale;
  }
  return mono;
}

/** Resamples a whole signal in one call (same result as streaming it through StreamingResampler). */
export function resampleOnce(
  samples: Float32Array,
  inputRate: number,
  outputRate: number = TARGET_SAMPLE_RATE,
  options: ResamplerOptions = {},
): Float32Array {
  const resampler = new StreamingResampler(inputRate, outputRate, options);
  const body = resampler.push(samples);
  const tail = resampler.flush();
  const result = new Float32Array(body.length + tail.length);
  result.set(body);
  result.set(tail, body.length);
  return result;
}

/**
 * Streaming resampler: push chunks of any size, get the output that is ready;
 * flush() at the end returns the rest (the last few milliseconds) and resets.
 * The total output length is ceil(inputLength * outputRate / inputRate).
 */
export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly upFactor: number;
  private readonly downFactor: number;
  private readonly phaseCount: number;
  private readonly taps: number;
  /** Input samples reached on each side of an output point. */
  private readonly reach: number;
  /** Extra sample needed on the right when phases are rounded (odd ratios). */
  private readonly rightReach: number;
  private readonly coefficients: Float32Array;
  private readonly passthrough: boolean;
  private buffer: Float32Array;
  /** Absolute input index of buffer[0]; negative at start (zeros before the signal). */
  private bufferStart = 0;
  private bufferLength = 0;
  private outputIndex = 0;
  private inputCount = 0;

  constructor(inputRate: number, outputRate: number = TARGET_SAMPLE_RATE, options: ResamplerOptions = {}) {
    if (!(inputRate > 0) || !(outputRate > 0)) throw new Error('Sample rates must be positive');
    this.inputRate = Math.round(inputRate);
    this.outputRate = Math.round(outputRate);
    const divisor = greatestCommonDivisor(this.inputRate, this.outputRate);
    this.upFactor = this.outputRate / divisor;
    this.downFactor = this.inputRate / divisor;
    this.passthrough = this.inputRate === this.outputRate;
    this.phaseCount = Math.min(this.upFactor, MAXIMUM_PHASES);

    const cutoffRatio = options.cutoffRatio ?? 0.9;
    const zeroCrossings = options.zeroCrossings ?? 16;
    const beta = options.kaiserBeta ?? 8.5;
    // Cut-off in cycles per input sample: below the lower of the two Nyquist rates.
    const cutoff = (cutoffRatio * Math.min(this.inputRate, this.outputRate)) / 2 / this.inputRate;
    const halfWidth = zeroCrossings / (2 * cutoff);
    this.reach = Math.ceil(halfWidth);
    this.rightReach = this.reach + (this.phaseCount < this.upFactor ? 1 : 0);
    this.taps = 2 * this.reach;
    this.coefficients = this.passthrough
      ? new Float32Array(0)
      : buildPhaseTable(this.phaseCount, this.reach, cutoff, halfWidth, beta);
    this.buffer = new Float32Array(this.taps + 8192);
    this.reset();
  }

  /** Forgets all input; the next push starts a new signal at time 0. */
  reset(): void {
    this.buffer.fill(0, 0, this.reach);
    this.bufferStart = -this.reach;
    this.bufferLength = this.reach;
    this.outputIndex = 0;
    this.inputCount = 0;
  }

  /** Feeds input; returns the output samples that are complete (a new array, possibly empty). */
  push(chunk: Float32Array): Float32Array {
    if (this.passthrough) {
      this.inputCount += chunk.length;
      return chunk.slice();
    }
    this.append(chunk, chunk.length);
    this.inputCount += chunk.length;
    return this.produce(this.bufferStart + this.bufferLength - this.rightReach);
  }

  /** Returns the remaining output (zero-padded past the end) and resets for a new signal. */
  flush(): Float32Array {
    if (this.passthrough) {
      this.inputCount = 0;
      return new Float32Array(0);
    }
    const end = this.inputCount;
    this.append(null, this.rightReach);
    const output = this.produce(end);
    this.reset();
    return output;
  }

  /** Computes every output whose position lies before input index `limit`. */
  private produce(limit: number): Float32Array {
    const { upFactor, downFactor, phaseCount, taps, reach, coefficients, buffer } = this;
    // Output n sits at input position n * downFactor / upFactor; it is ready when that is < limit.
    const total = limit > 0 ? Math.floor((limit * upFactor + downFactor - 1) / downFactor) : 0;
    const count = Math.max(0, total - this.outputIndex);
    const output = new Float32Array(count);
    const rounded = phaseCount < upFactor;
    let position = this.outputIndex * downFactor;
    for (let out = 0; out < count; out++, position += downFactor) {
      let whole = Math.floor(position / upFactor);
      let phase = position - whole * upFactor;
      if (rounded) {
        phase = Math.round((phase * phaseCount) / upFactor);
        if (phase === phaseCount) {
          phase = 0;
          whole += 1;
        }
      }
      const row = phase * taps;
      const base = whole - reach + 1 - this.bufferStart;
      let sum = 0;
      for (let tap = 0; tap < taps; tap++) sum += coefficients[row + tap]! * buffer[base + tap]!;
      output[out] = sum;
    }
    this.outputIndex += count;
    return output;
  }

  /** Appends `length` samples from `chunk` (or zeros), dropping input no future output needs. */
  private append(chunk: Float32Array | null, length: number): void {
    if (this.bufferLength + length > this.buffer.length) {
      const neededFrom = Math.floor((this.outputIndex * this.downFactor) / this.upFactor) - this.reach;
      const drop = Math.max(0, Math.min(this.bufferLength, neededFrom - this.bufferStart));
      this.buffer.copyWithin(0, drop, this.bufferLength);
      this.bufferStart += drop;
      this.bufferLength -= drop;
      if (this.bufferLength + length > this.buffer.length) {
        const grown = new Float32Array(Math.max(this.buffer.length * 2, this.bufferLength + length));
        grown.set(this.buffer.subarray(0, this.bufferLength));
        this.buffer = grown;
      }
    }
    if (chunk) this.buffer.set(chunk.subarray(0, length), this.bufferLength);
    else this.buffer.fill(0, this.bufferLength, this.bufferLength + length);
    this.bufferLength += length;
  }
}

/** One row of 2 * reach taps per phase; each row sums to 1 so DC passes at unity gain. */
function buildPhaseTable(phaseCount: number, reach: number, cutoff: number, halfWidth: number, beta: number): Float32Array {
  const taps = 2 * reach;
  const table = new Float32Array(phaseCount * taps);
  const normaliser = besselI0(beta);
  for (let phase = 0; phase < phaseCount; phase++) {
    const fraction = phase / phaseCount;
    let sum = 0;
    const row = new Float64Array(taps);
    for (let tap = 0; tap < taps; tap++) {
      // Tap `tap` reads input index whole - reach + 1 + tap; its distance from the output point:
      const distance = fraction + reach - 1 - tap;
      const relative = distance / halfWidth;
      if (Math.abs(relative) >= 1) continue;
      const argument = 2 * cutoff * distance;
      const sinc = argument === 0 ? 1 : Math.sin(Math.PI * argument) / (Math.PI * argument);
      const window = besselI0(beta * Math.sqrt(1 - relative * relative)) / normaliser;
      row[tap] = sinc * window;
      sum += sinc * window;
    }
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap] = (row[tap] ?? 0) / sum;
  }
  return table;
}

/** Zeroth-order modified Bessel function of the first kind (power series), for the Kaiser window. */
function besselI0(value: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (value * value) / 4;
  for (let order = 1; order < 64 && term > sum * 1e-12; order++) {
    term *= quarterSquare / (order * order);
    sum += term;
  }
  return sum;
}

function greatestCommonDivisor(first: number, second: number): number {
  let a = first;
  let b = second;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
