/**
 * Silero VAD v5 as a VoiceActivityDetector: a small recurrent network that tells
 * speech from music, fans and keyboards far better than the energy detector (see
 * docs/audio.md for the evaluation). Framework-free: the caller injects an
 * onnxruntime session and a tensor factory, so the browser passes
 * onnxruntime-web and Node tests pass onnxruntime-web or onnxruntime-node.
 *
 * The model, public/vad/silero-vad-v5-16k.onnx:
 * - from `@ricky0123/vad-web` 0.0.31 on npm, `dist/silero_vad_v5.onnx`
 *   (sha256 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f);
 * - pruned to its 16 kHz branch by scripts/models/prune-silero-16k.py
 *   (sha256 895c6fbbeb86fdd4740253d74bb19c14017b06fcaf773925881ecbbfe951feab;
 *   scripts/models/fetch-silero-vad.sh reproduces it);
 * - Silero VAD is MIT licensed, Copyright (c) 2020-present Silero Team
 *   (https://github.com/snakers4/silero-vad); notice in public/vad/LICENSE-silero-vad.txt.
 *
 * Its signature: inputs `input` f32[1, 64 + 512] (the last 64 samples of the
 * previous frame, then 512 new ones at 16 kHz), `state` f32[2, 1, 128], `sr`
 * int64 scalar; outputs `output` f32[1, 1] (speech probability) and `stateN`.
 */
import type { VoiceActivityDetector } from './voice-activity';

/** The only rate the pruned model knows. */
export const SILERO_SAMPLE_RATE = 16_000;
/** Samples per frame (32 ms): v5 is trained on 512; longer frames throw, shorter ones are outside its spec. */
export const SILERO_FRAME_SIZE = 512;
/** Samples of the previous frame the model sees before the new ones, as upstream's OnnxWrapper feeds it. */
const CONTEXT_SIZE = 64;
const STATE_DIMS = [2, 1, 128] as const;
const STATE_SIZE = STATE_DIMS[0] * STATE_DIMS[1] * STATE_DIMS[2];

/** The part of an onnxruntime tensor the detector reads. */
export interface SileroTensor {
  readonly data: unknown;
}

/** The part of an onnxruntime InferenceSession the detector uses. */
export interface SileroSession<Tensor extends SileroTensor> {
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
}

/** A loaded model: the session, and how to make its input tensors (`new ort.Tensor(type, data, dims)`). */
export interface SileroModel<Tensor extends SileroTensor> {
  session: SileroSession<Tensor>;
  tensor(type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: readonly number[]): Tensor;
}

/**
 * Speech probability per 512-sample frame of 16 kHz audio. Each detector keeps
 * its own context and recurrent state, so the two channels may share one model.
 */
export class SileroVoiceActivityDetector<Tensor extends SileroTensor> implements VoiceActivityDetector {
  readonly frameSize = SILERO_FRAME_SIZE;
  /** Context then frame; after each frame its last 64 samples move to the front. */
  private readonly input = new Float32Array(CONTEXT_SIZE + SILERO_FRAME_SIZE);
  private readonly sampleRate: Tensor;
  private state: Tensor;

  constructor(private readonly model: SileroModel<Tensor>) {
    this.sampleRate = model.tensor('int64', BigInt64Array.from([BigInt(SILERO_SAMPLE_RATE)]), []);
    this.state = this.freshState();
  }

  async process(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME_SIZE) throw new Error(`Silero VAD takes frames of ${SILERO_FRAME_SIZE} samples, not ${frame.length}`);
    this.input.set(frame, CONTEXT_SIZE);
    // A copy: the runtime may read the input after this method moves the context on.
    const input = this.model.tensor('float32', this.input.slice(), [1, this.input.length]);
    this.input.copyWithin(0, SILERO_FRAME_SIZE);
    const outputs = await this.model.session.run({ input, state: this.state, sr: this.sampleRate });
    const probability = outputs.output?.data;
    const next = outputs.stateN;
    if (!ArrayBuffer.isView(probability) || !next) throw new Error('Silero VAD: the model gave no output or stateN');
    this.state = next;
    return Number((probability as Float32Array)[0]);
  }

  reset(): void {
    this.input.fill(0);
    this.state = this.freshState();
  }

  private freshState(): Tensor {
    return this.model.tensor('float32', new Float32Array(STATE_SIZE), STATE_DIMS);
  }
}

/**
 * The same model, its runs one at a time: the detectors of both channels share
 * it, and onnxruntime-web's single-threaded WASM backend gives no guarantee for
 * overlapping runs of one session. A failed run does not block the next.
 */
export function oneRunAtATime<Tensor extends SileroTensor>(model: SileroModel<Tensor>): SileroModel<Tensor> {
  let last: Promise<unknown> = Promise.resolve();
  return {
    tensor: (type, data, dims) => model.tensor(type, data, dims),
    session: {
      run(feeds) {
        const result = last.then(() => model.session.run(feeds));
        last = result.catch(() => undefined);
        return result;
      },
    },
  };
}
