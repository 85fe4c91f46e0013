/**
 * The generation WhisperTranscriber runs (whisperLogitsProcessor, no
 * transformers.js timestamp rules) against the one it replaced
 * (`return_timestamps: true` with our collector), on the committed test model
 * through the real transformers.js and onnxruntime-node: the same tokens, the
 * same cross-attention (word times) and the same log-probabilities, bit for bit.
 */
import { pipeline, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectingLogitsProcessor, TokenLogProbCollector } from './confidence';
import { goOffline, TEST_MODEL } from './offline-test-support';
import { shortContextFrames } from './short-context';
import { windowFeatures } from './whisper-features';
import { whisperLogitsProcessor } from './whisper-logits';
import type { GenerateResult, PipelineLike } from './whisper-pipeline-types';
import { noiseAudio, toneAudio } from './test-audio';

const SAMPLE_RATE = 16_000;

let offline: ReturnType<typeof goOffline>;
let parts: PipelineLike;

beforeAll(async () => {
  offline = goOffline();
  parts = (await pipeline('automatic-speech-recognition', TEST_MODEL, { dtype: 'fp32', device: 'cpu' })) as unknown as PipelineLike;
}, 60_000);

afterAll(async () => {
  await parts?.model.dispose();
  offline.restore();
});

async function generate(features: Tensor, previous: boolean) {
  const { model, tokenizer } = parts;
  const config = model.generation_config as Record<string, unknown> & { lang_to_id: Record<string, number>; task_to_id: Record<string, number> };
  const endOfText = Number(config['eos_token_id']);
  const collector = new TokenLogProbCollector({ textVocabularyEnd: endOfText });
  const common = { inputs: features, output_attentions: true, return_dict_in_generate: true, max_new_tokens: 60 };
  const prompt = [Number(config['decoder_start_token_id']), config.lang_to_id['<|no|>'] as number, config.task_to_id['transcribe'] as number];
  const output: GenerateResult = previous
    ? await model.generate({ ...common, language: 'no', task: 'transcribe', return_timestamps: true, logits_processor: [collectingLogitsProcessor(collector)] })
    : await model.generate({
        ...common,
        decoder_input_ids: prompt,
        return_timestamps: false,
        begin_suppress_tokens: null,
        logits_processor: [
          whisperLogitsProcessor(
            {
              promptLength: prompt.length,
              endOfText,
              noTimestamps: tokenizer.timestamp_begin - 1,
              beginSuppressTokens: config['begin_suppress_tokens'] as number[],
            },
            collector,
          ),
        ],
      });
  const sequence = (output.sequences?.tolist()[0] as bigint[]).map(Number);
  const attention = (output.cross_attentions ?? []).map((step) => step.map((layer) => Array.from(layer.data)));
  return { sequence, attention, tokens: collector.finish(sequence.at(-1) ?? null) };
}

describe('generation with whisperLogitsProcessor on the test model', () => {
  it('gives the tokens, cross-attention and log-probabilities transformers.js’s timestamp rules gave', async () => {
    const audios = [toneAudio(5, 180), toneAudio(3, 400), noiseAudio(4), new Float32Array(2 * SAMPLE_RATE)];
    let timestampTokens = 0;
    for (const audio of audios) {
      for (const frames of [3000, 2 * shortContextFrames(audio.length)]) {
        const computed = await windowFeatures(parts.processor.feature_extractor, audio, frames);
        const features = new Tensor('float32', computed.data, computed.dims);
        const expected = await generate(features, true);
        const actual = await generate(features, false);
        expect(actual.sequence).toEqual(expected.sequence);
        expect(actual.attention).toEqual(expected.attention);
        expect(actual.tokens).toEqual(expected.tokens);
        timestampTokens += actual.tokens.filter((token) => token.id >= parts.tokenizer.timestamp_begin).length;
      }
    }
    // Timestamps were decided, not only text.
    expect(timestampTokens).toBeGreaterThan(8);
  }, 120_000);
});
