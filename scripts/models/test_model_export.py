"""Writes a Whisper-shaped encoder and decoder (test_model_network.py) as the
ONNX files transformers.js loads: onnx/encoder_model.onnx and
onnx/decoder_model_merged.onnx (the no-cache and cached decoders merged under
one If, as Optimum writes them), plus the manifest the extension verifies.

Used by make-test-model.py (random weights) and train-test-model.py (trained).
"""

import json
import os

import onnx
import torch
from onnx import TensorProto, helper

from manifest_files import manifest_files
from merge_decoders import bool_input, merge_decoders, save_onnx
from test_model_network import DecoderCachedStep, DecoderInitialStep

OPSET = 14


class Shape:
    """The sizes the export needs: width, heads, decoder layers, mel bins, encoder positions."""

    def __init__(self, width, heads, decoder_layers, mel_bins=80, source_positions=1500):
        self.width = width
        self.heads = heads
        self.head_size = width // heads
        self.decoder_layers = decoder_layers
        self.mel_bins = mel_bins
        self.source_positions = source_positions


class DecoderCachedStepEmptyCross(torch.nn.Module):
    """The cached step, returning zero-length cross-attention caches: the
    encoder's keys and values do not change while decoding a window, and
    transformers.js keeps the first step's (getPastKeyValues in modeling_utils.js)."""

    def __init__(self, decoder, layers):
        super().__init__()
        self.step = DecoderCachedStep(decoder)
        self.layers = layers

    def forward(self, input_ids, encoder_hidden_states, *past_flat):
        outputs = list(self.step(input_ids, encoder_hidden_states, *past_flat))
        for index in range(1, 1 + 4 * self.layers):
            if (index - 1) % 4 >= 2:
                # Sliced from the input, not from the step's pass-through copy (a
                # multiply by one over the whole cache), which is then left out of the graph.
                outputs[index] = past_flat[index - 1][:, :, :0, :]
        return tuple(outputs)


def export_encoder(encoder, shape, path):
    """The encoder with a dynamic number of feature frames (at most 3000): short-context
    decoding feeds it the utterance alone. At 3000 frames it computes what a fixed export does."""
    features = torch.zeros(1, shape.mel_bins, 2 * shape.source_positions)
    torch.onnx.export(
        encoder, (features,), path,
        input_names=['input_features'], output_names=['last_hidden_state'],
        dynamic_axes={'input_features': {0: 'batch_size', 2: 'feature_frames'},
                      'last_hidden_state': {0: 'batch_size', 1: 'encoder_sequence_length'}},
        opset_version=OPSET, do_constant_folding=True,
    )


def cache_names(prefix, layers):
    names = []
    for layer in range(layers):
        for part in ('decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'):
            names.append('%s.%d.%s' % (prefix, layer, part))
    return names


def export_decoder(decoder, vocab_size, shape, scratch, path):
    """The merged decoder. Its cached branch hands back empty cross-attention caches, as
    Optimum's merged decoders (and nbailab_onnx.py's) do: transformers.js keeps the
    first step's, and a full copy out of the runtime every step cost a base-size
    8-bit step 41.7 ms instead of 18.2 (docs/models.md)."""
    layers = shape.decoder_layers
    hidden = torch.randn(1, shape.source_positions, shape.width)
    output_names = ['logits'] + cache_names('present', layers) + ['cross_attentions.%d' % i for i in range(layers)]
    batch_axes = {'input_ids': {0: 'batch_size', 1: 'decoder_sequence_length'},
                  'encoder_hidden_states': {0: 'batch_size', 1: 'encoder_sequence_length'},
                  'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for layer in range(layers):
        batch_axes['cross_attentions.%d' % layer] = {0: 'batch_size', 2: 'decoder_sequence_length',
                                                     3: 'encoder_sequence_length_out'}

    # Each export in its own folder: above 2 GB torch writes every weight to a file named
    # after it beside the model, and the two decoders' names would collide.
    os.makedirs(os.path.join(scratch, 'initial'), exist_ok=True)
    os.makedirs(os.path.join(scratch, 'cached'), exist_ok=True)
    initial_path = os.path.join(scratch, 'initial', 'decoder_model.onnx')
    initial_axes = dict(batch_axes)
    for name in cache_names('present', layers):
        length = 'decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'
        initial_axes[name] = {0: 'batch_size', 2: length}
    torch.onnx.export(
        DecoderInitialStep(decoder), (torch.tensor([[1, 2, 3, 4]]), hidden), initial_path,
        input_names=['input_ids', 'encoder_hidden_states'], output_names=output_names,
        dynamic_axes=initial_axes, opset_version=OPSET, do_constant_folding=True,
    )

    cached_path = os.path.join(scratch, 'cached', 'decoder_with_past_model.onnx')
    past = []
    cached_axes = dict(batch_axes)
    for name in cache_names('past_key_values', layers):
        is_decoder = '.decoder.' in name
        past.append(torch.randn(1, shape.heads, 4 if is_decoder else shape.source_positions, shape.head_size))
        cached_axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length' if is_decoder
                             else 'encoder_sequence_length_out'}
    for name in cache_names('present', layers):
        length = 'past_decoder_sequence_length + 1' if '.decoder.' in name else 'encoder_sequence_length_out'
        cached_axes[name] = {0: 'batch_size', 2: length}
    torch.onnx.export(
        DecoderCachedStepEmptyCross(decoder, layers),
        (torch.tensor([[5]]), hidden, *past), cached_path,
        input_names=['input_ids', 'encoder_hidden_states'] + cache_names('past_key_values', layers),
        output_names=output_names, dynamic_axes=cached_axes, opset_version=OPSET, do_constant_folding=True,
    )

    float_type = TensorProto.FLOAT
    inputs = [
        helper.make_tensor_value_info('input_ids', TensorProto.INT64, ['batch_size', 'decoder_sequence_length']),
        helper.make_tensor_value_info('encoder_hidden_states', float_type,
                                      ['batch_size', 'encoder_sequence_length', shape.width]),
    ]
    # Head count and head size must be numbers here: transformers.js builds the
    # empty first-step cache from these shapes (addPastKeyValues in modeling_utils.js).
    for name in cache_names('past_key_values', layers):
        length = 'past_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'
        inputs.append(helper.make_tensor_value_info(name, float_type,
                                                    ['batch_size', shape.heads, length, shape.head_size]))
    inputs.append(bool_input('use_cache_branch'))

    outputs = [helper.make_tensor_value_info('logits', float_type,
                                             ['batch_size', 'decoder_sequence_length', vocab_size])]
    for name in cache_names('present', layers):
        length = 'present_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'
        outputs.append(helper.make_tensor_value_info(name, float_type,
                                                     ['batch_size', shape.heads, length, shape.head_size]))
    for layer in range(layers):
        outputs.append(helper.make_tensor_value_info(
            'cross_attentions.%d' % layer, float_type,
            ['batch_size', shape.heads, 'decoder_sequence_length', 'encoder_sequence_length_out']))

    merged = merge_decoders(initial_path, cached_path, output_names, inputs, outputs)
    save_onnx(merged, path)


def manifest(output, name, display_name, source, kind='test'):
    files = manifest_files(output)
    return {
        'name': name,
        'displayName': display_name,
        'kind': kind,
        'sizeBytes': sum(entry['bytes'] for entry in files),
        'languages': 'multilingual',
        'dtype': 'fp32',
        'wordTimestamps': True,
        'files': files,
        'source': source,
    }


def write_json(output, name, value):
    with open(os.path.join(output, name), 'w', encoding='utf-8') as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.write('\n')
