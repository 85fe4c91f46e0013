#!/usr/bin/python3
"""Writes models/intervju-test-tiny/: a tiny Whisper in transformers.js's layout.

Run with Debian's Python, which has torch and onnx:

    /usr/bin/python3 scripts/models/make-test-model.py [output folder]

Options (for the benchmark, scripts/bench/: random weights at Whisper's real
sizes; the defaults make the committed test model):

    --name NAME --width 512 --layers 6 --heads 8 --feed-forward 2048
    --text-vocabulary 50257   pad the text vocabulary to Whisper's size
    --never-end               the end token never wins: decoding runs to max_new_tokens

The weights are random (fixed seeds), so the model transcribes nothing: it
writes a few meaningless tokens with timestamps. It exists so tests can run
the real transformers.js Whisper pipeline (feature extraction, encoder,
merged decoder with cache, timestamp and word-timestamp decoding) offline.
Running it twice writes byte-identical files.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # keep scripts/models/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from test_model_export import Shape, export_decoder, export_encoder, manifest, write_json  # noqa: E402
from test_model_network import Decoder, Encoder  # noqa: E402
from test_model_configs import generation_config, model_config, preprocessor_config, tokenizer_config  # noqa: E402
from test_model_tokenizer import build_tokenizer  # noqa: E402

NAME = 'intervju-test-tiny'
SEED = 20240611
WIDTH = 64
HEADS = 4
HEAD_SIZE = WIDTH // HEADS
LAYERS = 2
FEED_FORWARD = 256
MEL_BINS = 80
SOURCE_POSITIONS = 1500
TARGET_POSITIONS = 448


# Decoding shape (see shape_output_layer): positions are decoder token indices.
# With timestamps the prompt is 3 tokens, so the first timestamp comes from
# position 2, text from 3 to 6, the closing timestamp from 7, the end from 8.
# At 8 the end token must beat the summed timestamp probability, not only the
# best single timestamp, or the closing timestamp opens a new segment.
END_BIAS, END_SLOPE = -56.0, 8.5
TIMESTAMP_BIAS, TIMESTAMP_SLOPE = -27.48, 4.0
TIMESTAMP_WIDTH = 1.0  # how fast timestamp logits fall away from the peak, per second squared
TIMESTAMP_SPEED = 0.4  # seconds the peak timestamp moves per decoder position
SPECIAL_BIAS = -30.0
CROSS_ATTENTION_SHARPNESS = 4.0
CROSS_ATTENTION_GAIN = 2.0
# Single bytes other than letters, digits, space and common punctuation would
# come out as control characters or broken UTF-8; keep them unlikely.
UNPRINTABLE_BIAS = -6.0
PRINTABLE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,?'-")


def parse_arguments():
    global NAME, WIDTH, HEADS, HEAD_SIZE, LAYERS, FEED_FORWARD, END_BIAS, END_SLOPE
    parser = argparse.ArgumentParser(description='Writes a random-weight Whisper in transformers.js layout.')
    parser.add_argument('output', nargs='?')
    parser.add_argument('--name', default=NAME)
    parser.add_argument('--width', type=int, default=WIDTH)
    parser.add_argument('--layers', type=int, default=LAYERS)
    parser.add_argument('--heads', type=int, default=HEADS)
    parser.add_argument('--feed-forward', type=int, default=FEED_FORWARD)
    parser.add_argument('--text-vocabulary', type=int, default=0)
    parser.add_argument('--never-end', action='store_true')
    arguments = parser.parse_args()
    NAME, WIDTH, HEADS, LAYERS, FEED_FORWARD = (arguments.name, arguments.width, arguments.heads,
                                                arguments.layers, arguments.feed_forward)
    HEAD_SIZE = WIDTH // HEADS
    if arguments.never_end:
        END_BIAS, END_SLOPE = -1.0e4, 0.0
    return arguments


def pad_text_vocabulary(tokenizer_json, ids, text_tokens):
    """Adds unused text tokens so the vocabulary (and the output layer) has
    Whisper's real size; every special and timestamp id moves up by as many."""
    extra = text_tokens - ids['text_token_count']
    if extra <= 0:
        return tokenizer_json, ids
    vocab = tokenizer_json['model']['vocab']
    for index in range(extra):
        vocab['\u0120unused%d' % index] = ids['text_token_count'] + index
    for token in tokenizer_json['added_tokens']:
        token['id'] += extra
    shifted = dict(ids)
    for key in ('vocab_size', 'endoftext', 'startoftranscript', 'translate', 'transcribe', 'startoflm',
                'startofprev', 'nocaptions', 'notimestamps', 'timestamp_begin', 'text_token_count'):
        shifted[key] = ids[key] + extra
    shifted['languages'] = {name: value + extra for name, value in ids['languages'].items()}
    return tokenizer_json, shifted


def main():
    arguments = parse_arguments()
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    output = arguments.output or os.path.join(repository, 'models', NAME)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)

    tokenizer_json, ids = pad_text_vocabulary(*build_tokenizer(), arguments.text_vocabulary)
    vocab_size = ids['vocab_size']

    encoder = Encoder(MEL_BINS, WIDTH, HEADS, FEED_FORWARD, LAYERS, SOURCE_POSITIONS).eval()
    decoder = Decoder(vocab_size, WIDTH, HEADS, FEED_FORWARD, LAYERS, TARGET_POSITIONS).eval()
    sharpen_cross_attention(decoder)
    shape_output_layer(decoder, ids)

    if os.path.exists(output):
        shutil.rmtree(output)
    os.makedirs(os.path.join(output, 'onnx'))
    with tempfile.TemporaryDirectory() as scratch:
        export_shape = Shape(WIDTH, HEADS, LAYERS, MEL_BINS, SOURCE_POSITIONS)
        export_encoder(encoder, export_shape, os.path.join(output, 'onnx', 'encoder_model.onnx'))
        export_decoder(decoder, vocab_size, export_shape, scratch,
                       os.path.join(output, 'onnx', 'decoder_model_merged.onnx'))

    write_json(output, 'tokenizer.json', tokenizer_json)
    write_json(output, 'tokenizer_config.json', tokenizer_config())
    shape = {
        'name': NAME, 'width': WIDTH, 'layers': LAYERS, 'heads': HEADS, 'feed_forward': FEED_FORWARD,
        'mel_bins': MEL_BINS, 'source_positions': SOURCE_POSITIONS, 'target_positions': TARGET_POSITIONS,
    }
    write_json(output, 'config.json', model_config(ids, shape))
    write_json(output, 'generation_config.json', generation_config(ids, shape))
    write_json(output, 'preprocessor_config.json', preprocessor_config(shape))
    write_json(output, 'manifest.json', manifest(
        output, NAME, 'Test model (random weights, meaningless text)',
        'scripts/models/make-test-model.py (random weights, seed %d)' % SEED))
    for line in sorted(os.listdir(output)):
        print(line)


def sharpen_cross_attention(decoder):
    """Makes the decoder listen: random cross-attention spreads evenly over all
    1500 frames, and the average of 1500 random frames is nearly the same for
    any audio. Larger query and key weights make each head pick a few frames,
    so different audio gives different (still meaningless) text."""
    with torch.no_grad():
        for layer in decoder.layers:
            layer.cross_attention.query.weight.mul_(CROSS_ATTENTION_SHARPNESS)
            layer.cross_attention.key.weight.mul_(CROSS_ATTENTION_SHARPNESS)
            layer.cross_attention.value.weight.mul_(CROSS_ATTENTION_GAIN)
            layer.cross_attention.out.weight.mul_(CROSS_ATTENTION_GAIN)


def shape_output_layer(decoder, ids):
    """Biases the output layer so greedy decoding stops with a valid timestamp pair.

    Text tokens get random logits with a spread of about one. The end token
    and the timestamps rise with the position; the timestamps peak around a
    time that moves later with the position, so the closing timestamp is later
    than the opening one. transformers.js forces a timestamp once the summed
    timestamp probability beats the best text token (WhisperTimeStampLogitsProcessor).
    """
    text = ids['text_token_count']
    with torch.no_grad():
        weight = decoder.output.weight
        weight.normal_(0.0, 1.0 / WIDTH ** 0.5)
        weight[text:] = 0.0
        decoder.output.bias.zero_()
        for byte in range(256):
            if byte not in PRINTABLE:
                decoder.output.bias[ids['byte_tokens'][byte]] = UNPRINTABLE_BIAS
        decoder.output.bias[text:ids['timestamp_begin']] = SPECIAL_BIAS
        decoder.output.bias[ids['endoftext']] = END_BIAS
        decoder.position_slope[ids['endoftext']] = END_SLOPE
        begin = ids['timestamp_begin']
        for index in range(ids['vocab_size'] - begin):
            # -w * (t - v * (p - 2))^2 written as bias + slope * p + curve * p^2
            shifted = index * 0.02 + 2 * TIMESTAMP_SPEED
            decoder.output.bias[begin + index] = TIMESTAMP_BIAS - TIMESTAMP_WIDTH * shifted ** 2
            decoder.position_slope[begin + index] = TIMESTAMP_SLOPE + 2 * TIMESTAMP_WIDTH * TIMESTAMP_SPEED * shifted
            decoder.position_curve[begin + index] = -TIMESTAMP_WIDTH * TIMESTAMP_SPEED ** 2


if __name__ == '__main__':
    main()
