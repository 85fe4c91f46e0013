/**
 * The power spectrum of a real frame, for Whisper's log-mel features.
 *
 * Whisper's frames are 400 samples, not a power of two, and transformers.js
 * transforms them with a chirp-z (Bluestein) FFT: two 1024-point complex FFTs and
 * three complex products per frame, about 30 ms for a 5 s utterance's 500 frames
 * in the worker, all of it before the encoder can start (docs/transcription.md).
 * 400 = 2 × 200 and 200 = 2 · 4 · 5 · 5, so one 200-point mixed-radix FFT of
 * the frame's even and odd samples as one complex sequence gives the 201 bins
 * directly. Computed in doubles, as transformers.js does; the two differ by
 * rounding only (real-fft.test.ts against a plain DFT).
 */

/** Radices tried in this order; a length whose half has another prime factor is refused. */
const RADICES = [4, 2, 3, 5];

export class RealFft {
  private readonly half: number;
  private readonly radices: number[];
  /** cos/sin of −2πk/half, k = 0 … half − 1: the complex FFT's twiddles. */
  private readonly rootRe: Float64Array;
  private readonly rootIm: Float64Array;
  /** cos/sin of −2πk/size, k = 0 … half: the split into the real transform's bins. */
  private readonly splitRe: Float64Array;
  private readonly splitIm: Float64Array;
  private readonly bufferRe: [Float64Array, Float64Array];
  private readonly bufferIm: [Float64Array, Float64Array];
  /** One butterfly's inputs, turned by their twiddles (radix at most 5). */
  private readonly butterflyRe = new Float64Array(5);
  private readonly butterflyIm = new Float64Array(5);

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2 || size % 2 !== 0) throw new RangeError(`a real FFT needs an even length, not ${size}`);
    this.half = size / 2;
    this.radices = factorise(this.half);
    this.rootRe = new Float64Array(this.half);
    this.rootIm = new Float64Array(this.half);
    for (let k = 0; k < this.half; k++) {
      this.rootRe[k] = Math.cos((-2 * Math.PI * k) / this.half);
      this.rootIm[k] = Math.sin((-2 * Math.PI * k) / this.half);
    }
    this.splitRe = new Float64Array(this.half + 1);
    this.splitIm = new Float64Array(this.half + 1);
    for (let k = 0; k <= this.half; k++) {
      this.splitRe[k] = Math.cos((-2 * Math.PI * k) / size);
      this.splitIm[k] = Math.sin((-2 * Math.PI * k) / size);
    }
    this.bufferRe = [new Float64Array(this.half), new Float64Array(this.half)];
    this.bufferIm = [new Float64Array(this.half), new Float64Array(this.half)];
  }

  /** |X[k]|² for k = 0 … size/2 of the real `frame` (length `size`), written into `power` (length size/2 + 1). */
  powerSpectrum(frame: ArrayLike<number>, power: Float64Array): void {
    const { half } = this;
    if (frame.length !== this.size || power.length !== half + 1) throw new RangeError('frame or power of the wrong length');
    // z[n] = x[2n] + i·x[2n+1]
    const [re, im] = [this.bufferRe[0], this.bufferIm[0]];
    for (let n = 0; n < half; n++) {
      re[n] = frame[2 * n] as number;
      im[n] = frame[2 * n + 1] as number;
    }
    const [zRe, zIm] = this.transform();
    // X[k] = (Z[k] + conj Z[half−k]) / 2 − i·W^k·(Z[k] − conj Z[half−k]) / 2, W = e^(−2πi/size)
    for (let k = 0; k <= half; k++) {
      const a = k % half;
      const b = (half - k) % half;
      const evenRe = (zRe[a]! + zRe[b]!) / 2;
      const evenIm = (zIm[a]! - zIm[b]!) / 2;
      const oddRe = (zIm[a]! + zIm[b]!) / 2;
      const oddIm = -(zRe[a]! - zRe[b]!) / 2;
      const wRe = this.splitRe[k]!;
      const wIm = this.splitIm[k]!;
      const xRe = evenRe + wRe * oddRe - wIm * oddIm;
      const xIm = evenIm + wRe * oddIm + wIm * oddRe;
      power[k] = xRe * xRe + xIm * xIm;
    }
  }

  /**
   * Forward complex FFT of length `half` of the first buffers (Stockham, natural order in and out):
   * each pass takes `radix` inputs `half / radix` apart, turns them by the
   * twiddles of the butterflies done so far, and writes their small DFT.
   */
  private transform(): [Float64Array, Float64Array] {
    const n = this.half;
    const { rootRe, rootIm, butterflyRe: vRe, butterflyIm: vIm } = this;
    let [sourceRe, targetRe] = this.bufferRe;
    let [sourceIm, targetIm] = this.bufferIm;
    let done = 1;
    for (const radix of this.radices) {
      const stride = n / radix;
      const step = n / (done * radix);
      for (let j = 0; j < stride; j++) {
        const k = j % done;
        for (let r = 0; r < radix; r++) {
          const xRe = sourceRe[j + r * stride]!;
          const xIm = sourceIm[j + r * stride]!;
          const root = r * k * step; // < n: r < radix, k < done
          const wRe = rootRe[root]!;
          const wIm = rootIm[root]!;
          vRe[r] = xRe * wRe - xIm * wIm;
          vIm[r] = xRe * wIm + xIm * wRe;
        }
        const base = (j - k) * radix + k;
        if (radix === 2) {
          targetRe[base] = vRe[0]! + vRe[1]!;
          targetIm[base] = vIm[0]! + vIm[1]!;
          targetRe[base + done] = vRe[0]! - vRe[1]!;
          targetIm[base + done] = vIm[0]! - vIm[1]!;
        } else if (radix === 4) {
          // e^(−2πi/4) = −i
          const aRe = vRe[0]! + vRe[2]!;
          const aIm = vIm[0]! + vIm[2]!;
          const bRe = vRe[0]! - vRe[2]!;
          const bIm = vIm[0]! - vIm[2]!;
          const cRe = vRe[1]! + vRe[3]!;
          const cIm = vIm[1]! + vIm[3]!;
          const dRe = vRe[1]! - vRe[3]!;
          const dIm = vIm[1]! - vIm[3]!;
          targetRe[base] = aRe + cRe;
          targetIm[base] = aIm + cIm;
          targetRe[base + done] = bRe + dIm;
          targetIm[base + done] = bIm - dRe;
          targetRe[base + 2 * done] = aRe - cRe;
          targetIm[base + 2 * done] = aIm - cIm;
          targetRe[base + 3 * done] = bRe - dIm;
          targetIm[base + 3 * done] = bIm + dRe;
        } else {
          for (let q = 0; q < radix; q++) {
            let sumRe = 0;
            let sumIm = 0;
            for (let r = 0; r < radix; r++) {
              // e^(−2πi·rq/radix) is the half-length root (rq mod radix)·half/radix
              const root = ((r * q) % radix) * stride;
              const wRe = rootRe[root]!;
              const wIm = rootIm[root]!;
              sumRe += vRe[r]! * wRe - vIm[r]! * wIm;
              sumIm += vRe[r]! * wIm + vIm[r]! * wRe;
            }
            targetRe[base + q * done] = sumRe;
            targetIm[base + q * done] = sumIm;
          }
        }
      }
      [sourceRe, targetRe] = [targetRe, sourceRe];
      [sourceIm, targetIm] = [targetIm, sourceIm];
      done *= radix;
    }
    return [sourceRe, sourceIm];
  }
}

function factorise(length: number): number[] {
  const radices: number[] = [];
  let rest = length;
  for (const radix of RADICES) {
    while (rest % radix === 0) {
      radices.push(radix);
      rest /= radix;
    }
  }
  if (rest !== 1) throw new RangeError(`a real FFT of length ${2 * length}: ${length} has a prime factor above 5`);
  return radices;
}
