#!/usr/bin/python3
"""Trains models/intervju-test-hears/: a small Whisper that hears synthetic bokmål.

    npm run models:train-test                     # generate data, train, export, evaluate
    npm run models:train-test -- --resume         # go on from the last checkpoint
    npm run models:train-test -- --export-only    # export the best checkpoint, evaluate

Run it with Debian's Python (python3-torch, python3-onnx, libopenblas0-pthread;
espeak-ng and sox make the speech). On two cores it runs under `nice -n 19`
with two threads; with CUDA it uses the GPU.

1. Sentences (train_sentences.py) are spoken by espeak-ng (train_audio.py)
   into --data (default /work/train-data/, outside the repository).
2. The model is Whisper's architecture (test_model_network.py) with a byte
   BPE learnt from the training sentences (train_tokens.py). The decoder
   learns exactly the sequence transformers.js forces and then generates:
   <|startoftranscript|><|no|><|transcribe|><|t0|> text <|t1|><|endoftext|>.
   A CTC head on the encoder (training only, not exported) makes the encoder
   learn where the words are long before the attention decoder could.
3. Phase one feeds the encoder only the utterance plus a little padding
   (cheap); phase two feeds whole 30 s windows, zero-padded as the pipeline
   pads them, because that is what the exported model will be given.
4. Cross-attention heads whose attention runs along the speech become the
   alignment heads for word timestamps (generation_config.json).
5. The model is exported in test_model_export.py's layout and evaluated
   through the product's transcriber in Node (scripts/models/eval-test-model.mjs).

Seeds are fixed; the log (loss and held-out word error rate against wall time)
and checkpoints go to --data, the progress also to --status.
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.nn import functional  # noqa: E402

from test_model_configs import generation_config, model_config, preprocessor_config, tokenizer_config  # noqa: E402
from test_model_export import Shape, export_decoder, export_encoder, manifest, write_json  # noqa: E402
from test_model_network import Decoder, Encoder  # noqa: E402
from train_audio import load_set, make_set  # noqa: E402
from train_batches import Examples, collate, frames_for  # noqa: E402
from train_sentences import sentence_sets, words_of  # noqa: E402
from train_tokens import Tokens  # noqa: E402
from whisper_log_mel import LogMel  # noqa: E402

SEED = 20261204
WARM_UP = 80
NAME = 'intervju-test-hears'
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_arguments():
    parser = argparse.ArgumentParser(description='Trains the test model that hears.')
    parser.add_argument('--data', default='/work/train-data')
    parser.add_argument('--status', default='/work/train-status.txt')
    parser.add_argument('--output', default=os.path.join(REPOSITORY, 'models', NAME))
    parser.add_argument('--minutes', type=float, default=100.0, help='training wall time in all')
    parser.add_argument('--full-window-minutes', type=float, default=20.0, help='of which on 30 s windows only')
    parser.add_argument('--window-share', type=float, default=0.1,
                        help='share of 30 s window batches in phase one, after the warm-up')
    parser.add_argument('--width', type=int, default=144)
    parser.add_argument('--heads', type=int, default=4)
    parser.add_argument('--encoder-layers', type=int, default=3)
    parser.add_argument('--decoder-layers', type=int, default=2)
    parser.add_argument('--feed-forward', type=int, default=576)
    parser.add_argument('--batch', type=int, default=12)
    parser.add_argument('--full-batch', type=int, default=4)
    parser.add_argument('--learning-rate', type=float, default=5e-4)
    parser.add_argument('--ctc-weight', type=float, default=0.5)
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--resume', action='store_true')
    parser.add_argument('--export-only', action='store_true')
    parser.add_argument('--measure', type=int, default=0, help='time this many steps of each phase and stop')
    parser.add_argument('--no-eval', action='store_true', help='skip the Node evaluation at the end')
    return parser.parse_args()


class Model(nn.Module):
    """The exported encoder and decoder, plus the training-only CTC head."""

    def __init__(self, args, vocab_size, text_count):
        super().__init__()
        self.encoder = Encoder(80, args.width, args.heads, args.feed_forward, args.encoder_layers, 1500)
        self.decoder = Decoder(vocab_size, args.width, args.heads, args.feed_forward, args.decoder_layers, 448)
        self.ctc = nn.Linear(args.width, text_count + 1)  # last class: blank

    def encode(self, features):
        """The encoder with its positions cut to the input's length (the export always sees 3000 frames)."""
        encoder = self.encoder
        x = functional.gelu(encoder.conv1(features))
        x = functional.gelu(encoder.conv2(x)).transpose(1, 2)
        x = x + encoder.positions[:x.shape[1]]
        for layer in encoder.layers:
            x = layer(x)
        return encoder.norm(x)


def losses(model, features, inputs, targets, ctc_targets, ctc_weight):
    hidden = model.encode(features)
    logits, _, _ = model.decoder(inputs, hidden, None)
    attention = functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                         ignore_index=-100, label_smoothing=0.05)
    ctc_log_probs = functional.log_softmax(model.ctc(hidden), dim=-1).transpose(0, 1)
    lengths = torch.full((hidden.shape[0],), hidden.shape[1], dtype=torch.int64)
    target_lengths = torch.tensor([len(t) for t in ctc_targets], dtype=torch.int64)
    flat = torch.tensor([i for t in ctc_targets for i in t], dtype=torch.int64)
    keep = target_lengths > 0
    if keep.any():
        ctc = functional.ctc_loss(ctc_log_probs[:, keep], flat, lengths[keep], target_lengths[keep],
                                  blank=model.ctc.out_features - 1, zero_infinity=True)
    else:
        ctc = torch.zeros(())
    return attention, ctc, (1 - ctc_weight) * attention + ctc_weight * ctc


@torch.no_grad()
def ctc_target(tokens, text):
    """The CTC head spells the text in single bytes (the tokenizer's first 256 tokens): with
    few, frequent classes it learns where sounds are far sooner than with BPE pieces."""
    if text is None:
        return []
    return [tokens.ids['byte_tokens'][byte] for byte in (' ' + text).encode('utf-8')]


@torch.no_grad()
def greedy(model, tokens, features, max_tokens=64):
    """Greedy decoding after the forced prompt, text and timestamps as the pipeline allows them."""
    hidden = model.encode(features)
    ids = tokens.ids
    sequence = torch.tensor([tokens.prompt()] * features.shape[0])
    done = torch.zeros(features.shape[0], dtype=torch.bool)
    for _ in range(max_tokens):
        logits, _, _ = model.decoder(sequence, hidden, None)
        step = logits[:, -1]
        step[:, ids['endoftext'] + 1:ids['timestamp_begin']] = -1e9
        chosen = step.argmax(dim=-1)
        chosen[done] = ids['endoftext']
        sequence = torch.cat([sequence, chosen[:, None]], dim=1)
        done |= chosen == ids['endoftext']
        if done.all():
            break
    return [tokens.decode_text([i for i in row[3:].tolist() if i < tokens.text_count]) for row in sequence]


def word_errors(reference, hypothesis):
    """(edits, reference words) on lower-cased words without punctuation."""
    ref, hyp = words_of(reference), words_of(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1], len(ref)


def evaluate(model, tokens, examples, log_mel, count, full_window, batch=8):
    model.eval()
    edits = words = 0
    for start in range(0, count, batch):
        chosen = [examples.make(i, clean=True) for i in range(start, min(count, start + batch))]
        features, _, _ = collate(chosen, log_mel, full_window, tokens.ids['endoftext'])
        for index, text in enumerate(greedy(model, tokens, features)):
            e, w = word_errors(examples.audio['sentences'][start + index], text)
            edits += e
            words += w
    model.train()
    return edits / max(1, words)


def learning_rate(args, step, elapsed):
    warm_up = WARM_UP
    if step < warm_up:
        return args.learning_rate * (step + 1) / warm_up
    # Constant, then down to a tenth over the last 40 % of the wall time.
    fraction = elapsed / (args.minutes * 60)
    return args.learning_rate * (1.0 if fraction < 0.6 else max(0.1, 1.0 - (fraction - 0.6) / 0.4 * 0.9))


def write_status(args, text):
    with open(args.status, 'w') as handle:
        handle.write(time.strftime('%Y-%m-%d %H:%M:%S ') + text + '\n')


def train(args, model, tokens, train_examples, held_out, log_mel):
    checkpoint_path = os.path.join(args.data, 'checkpoint.pt')
    best_path = os.path.join(args.data, 'best.pt')
    log_path = os.path.join(args.data, 'train-log.tsv')
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, betas=(0.9, 0.98), weight_decay=0.01)
    state = {'step': 0, 'elapsed': 0.0, 'best_wer': 2.0, 'order': None}
    if args.resume and os.path.exists(checkpoint_path):
        saved = torch.load(checkpoint_path)
        model.load_state_dict(saved['model'])
        optimizer.load_state_dict(saved['optimizer'])
        state = saved['state']
        random.setstate(saved['python_random'])
        torch.set_rng_state(saved['torch_random'])
        train_examples.rng = saved['numpy_random']
        print('resumed at step %d, %.1f min' % (state['step'], state['elapsed'] / 60))
    elif not os.path.exists(log_path) or not args.resume:
        with open(log_path, 'w') as handle:
            handle.write('minutes\tstep\tphase\tloss\tattention\tctc\twer_short\twer_window\n')

    # Phase one draws batches of similar length (less padding); phase two uses whole windows.
    by_length = numpy.argsort(train_examples.lengths)
    buckets = [by_length[i:i + args.batch * 8] for i in range(0, len(by_length), args.batch * 8)]
    started = time.time() - state['elapsed']
    last_eval = last_save = time.time()
    running = []
    measured = {}
    while True:
        elapsed = time.time() - started
        if elapsed > args.minutes * 60:
            break
        full_window = (elapsed > (args.minutes - args.full_window_minutes) * 60
                       or (state['step'] > 2 * WARM_UP and random.random() < args.window_share))
        if args.measure:
            full_window = len(measured.get('short', [])) >= args.measure
        bucket = buckets[random.randrange(len(buckets))]
        # A 30 s window costs about six short utterances: phase one takes few of them at a time.
        size = args.full_batch if elapsed > (args.minutes - args.full_window_minutes) * 60 else args.batch
        if full_window and size == args.batch:
            size = 2
        indexes = [int(bucket[random.randrange(len(bucket))]) if not full_window
                   else random.randrange(train_examples.count) for _ in range(size)]
        no_speech = [random.random() < 0.04 for _ in indexes]
        chosen = [train_examples.make(i, no_speech=quiet) for i, quiet in zip(indexes, no_speech)]
        texts = [None if quiet else train_examples.audio['sentences'][i] for i, quiet in zip(indexes, no_speech)]
        features, inputs, targets = collate(chosen, log_mel, full_window, tokens.ids['endoftext'])
        ctc_targets = [ctc_target(tokens, text) for text in texts]
        for group in optimizer.param_groups:
            group['lr'] = learning_rate(args, state['step'], elapsed)
        step_started = time.time()
        attention, ctc, loss = losses(model, features, inputs, targets, ctc_targets, args.ctc_weight)
        if not torch.isfinite(loss):
            # The first run went to NaN after 1,800 steps; one bad batch must not end a run.
            print('step %d: loss not finite, batch skipped' % state['step'], flush=True)
            continue
        optimizer.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        if not torch.isfinite(norm):
            # A finite loss can still give an infinite gradient; one such step made every weight NaN.
            print('step %d: gradient not finite, batch skipped' % state['step'], flush=True)
            continue
        optimizer.step()
        state['step'] += 1
        running.append((loss.item(), attention.item(), ctc.item()))
        if args.measure:
            key = 'full' if full_window else 'short'
            measured.setdefault(key, []).append(time.time() - step_started)
            print('%s step %.2f s (frames %d, loss %.3f)' % (key, measured[key][-1], features.shape[2], loss.item()))
            if len(measured.get('full', [])) >= args.measure:
                return
            continue
        now = time.time()
        if state['step'] % 20 == 0:
            mean = numpy.mean(running, axis=0)
            running = []
            text = 'step %d  %.1f min  phase %s  loss %.3f (attention %.3f, ctc %.3f)  best held-out WER %.3f' % (
                state['step'], elapsed / 60, 'window' if full_window else 'short', mean[0], mean[1], mean[2],
                state['best_wer'])
            print(text, flush=True)
            write_status(args, text + '  ETA %.0f min' % (args.minutes - elapsed / 60))
            state['last_loss'] = mean.tolist()
        if now - last_eval > 12 * 60 or (elapsed > args.minutes * 60 - 20 and now - last_eval > 60):
            wer_short = evaluate(model, tokens, held_out, log_mel, 16, False)
            wer_window = evaluate(model, tokens, held_out, log_mel, 16, True)
            loss_values = state.get('last_loss', [float('nan')] * 3)
            with open(log_path, 'a') as handle:
                handle.write('%.1f\t%d\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n' % (
                    elapsed / 60, state['step'], 'window' if full_window else 'short', *loss_values,
                    wer_short, wer_window))
            print('held-out WER: short input %.3f, 30 s window %.3f' % (wer_short, wer_window), flush=True)
            if wer_window < state['best_wer']:
                state['best_wer'] = wer_window
                torch.save({'model': model.state_dict(), 'args': vars(args), 'state': state}, best_path)
            last_eval = time.time()
        if now - last_save > 5 * 60:
            state['elapsed'] = time.time() - started
            save_checkpoint(checkpoint_path, model, optimizer, state, train_examples)
            last_save = time.time()
    state['elapsed'] = time.time() - started
    save_checkpoint(checkpoint_path, model, optimizer, state, train_examples)
    wer_window = evaluate(model, tokens, held_out, log_mel, 64, True)
    if wer_window <= state['best_wer'] or not os.path.exists(best_path):
        state['best_wer'] = wer_window
        torch.save({'model': model.state_dict(), 'args': vars(args), 'state': state}, best_path)
    print('training done: %d steps, %.1f min, final held-out WER (30 s windows, 64 sentences, torch greedy) %.3f'
          % (state['step'], state['elapsed'] / 60, wer_window))


def save_checkpoint(path, model, optimizer, state, train_examples):
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'state': state,
                'python_random': random.getstate(), 'torch_random': torch.get_rng_state(),
                'numpy_random': train_examples.rng}, path + '.partial')
    os.replace(path + '.partial', path)


@torch.no_grad()
def choose_alignment_heads(model, tokens, held_out, log_mel, count=32):
    """Scores each cross-attention head by how well its most-attended frame follows the speech:
    inside the speech span, and moving forward with the text. Returns the best heads."""
    model.eval()
    layers = len(model.decoder.layers)
    heads = model.decoder.layers[0].cross_attention.heads
    scores = torch.zeros(layers, heads)
    for index in range(count):
        samples, sequence, start, end = held_out.make(index, clean=True)
        features, inputs, _ = collate([(samples, sequence, start, end)], log_mel, True, tokens.ids['endoftext'])
        _, _, cross = model.decoder(inputs, model.encode(features), None)
        text_rows = list(range(4, inputs.shape[1] - 1))  # after <|t0|>, up to the last text token
        if len(text_rows) < 2:
            continue
        for layer in range(layers):
            peaks = cross[layer][0, :, text_rows].argmax(dim=-1).float() * 0.02  # [heads, tokens] in seconds
            inside = ((peaks >= start - 0.2) & (peaks <= end + 0.2)).float().mean(dim=-1)
            forward = (peaks[:, 1:] >= peaks[:, :-1] - 0.04).float().mean(dim=-1)
            scores[layer] += inside * forward
    scores /= count
    ranked = sorted(((scores[l, h].item(), l, h) for l in range(layers) for h in range(heads)), reverse=True)
    chosen = [[l, h] for score, l, h in ranked if score >= 0.6][:6] or [[ranked[0][1], ranked[0][2]]]
    print('alignment head scores:', [[round(s, 2), l, h] for s, l, h in ranked])
    model.train()
    return chosen, [[round(s, 3), l, h] for s, l, h in ranked]


def export(args, model, tokens, alignment_heads):
    output = args.output
    if os.path.exists(output):
        shutil.rmtree(output)
    os.makedirs(os.path.join(output, 'onnx'))
    encoder, decoder = model.encoder.eval(), model.decoder.eval()
    shape = Shape(args.width, args.heads, args.decoder_layers)
    with tempfile.TemporaryDirectory() as scratch:
        export_encoder(encoder, shape, os.path.join(output, 'onnx', 'encoder_model.onnx'))
        export_decoder(decoder, tokens.ids['vocab_size'], shape, scratch,
                       os.path.join(output, 'onnx', 'decoder_model_merged.onnx'))
    config_shape = {
        'name': NAME, 'width': args.width, 'layers': args.decoder_layers, 'encoder_layers': args.encoder_layers,
        'decoder_layers': args.decoder_layers, 'heads': args.heads, 'feed_forward': args.feed_forward,
        'mel_bins': 80, 'source_positions': 1500, 'target_positions': 448, 'alignment_heads': alignment_heads,
    }
    write_json(output, 'tokenizer.json', tokens.tokenizer_json)
    write_json(output, 'tokenizer_config.json', tokenizer_config())
    write_json(output, 'config.json', model_config(tokens.ids, config_shape))
    write_json(output, 'generation_config.json', generation_config(tokens.ids, config_shape))
    write_json(output, 'preprocessor_config.json', preprocessor_config(config_shape))
    write_json(output, 'manifest.json', manifest(
        output, NAME, 'Test model (trained on synthetic bokmål speech)',
        'scripts/models/train-test-model.py (espeak-ng speech, seed %d)' % SEED))
    print('exported', output, sum(os.path.getsize(os.path.join(folder, name))
                                  for folder, _, names in os.walk(output) for name in names), 'bytes')


def main():
    args = parse_arguments()
    random.seed(SEED)
    numpy.random.seed(SEED)
    torch.manual_seed(SEED)
    if torch.cuda.is_available():
        print('note: CUDA is available, but this script trains on the CPU (the model is small)')
    torch.set_num_threads(args.threads)
    os.makedirs(args.data, exist_ok=True)

    sentences = sentence_sets(SEED)
    write_status(args, 'making speech with espeak-ng')
    train_set = make_set(sentences['train'] * 2, os.path.join(args.data, 'train.npz'), 1)
    held_out_set = make_set(sentences['held_out'], os.path.join(args.data, 'held_out.npz'), 2)
    make_set(sentences['out_of_vocabulary'], os.path.join(args.data, 'out_of_vocabulary.npz'), 3)
    with open(os.path.join(args.data, 'sentences.json'), 'w', encoding='utf-8') as handle:
        json.dump(sentences, handle, ensure_ascii=False, indent=1)

    tokens = Tokens(sentences['train'])
    model = Model(args, tokens.ids['vocab_size'], tokens.text_count)
    print('parameters: %.2f M (exported %.2f M)' % (
        sum(p.numel() for p in model.parameters()) / 1e6,
        sum(p.numel() for p in list(model.encoder.parameters()) + list(model.decoder.parameters())) / 1e6))
    log_mel = LogMel()
    train_examples = Examples(train_set, tokens, SEED)
    held_out = Examples(held_out_set, tokens, SEED + 1)

    if not args.export_only:
        train(args, model, tokens, train_examples, held_out, log_mel)
        if args.measure:
            return
    best = torch.load(os.path.join(args.data, 'best.pt'))
    model.load_state_dict(best['model'])
    print('best checkpoint: step %d, held-out WER (torch greedy) %.3f' % (best['state']['step'], best['state']['best_wer']))
    heads, scores = choose_alignment_heads(model, tokens, held_out, log_mel)
    with open(os.path.join(args.data, 'alignment-heads.json'), 'w') as handle:
        json.dump({'chosen': heads, 'scores': scores}, handle)
    export(args, model, tokens, heads)
    write_status(args, 'exported %s; evaluating in Node' % args.output)
    if not args.no_eval:
        subprocess.run(['node', os.path.join(REPOSITORY, 'scripts', 'models', 'eval-test-model.mjs'),
                        '--data', args.data, '--model', NAME], check=True)


if __name__ == '__main__':
    main()
