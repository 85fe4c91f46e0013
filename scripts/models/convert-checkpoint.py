#!/usr/bin/python3
"""Converts a locally downloaded Whisper checkpoint into the layout the extension
ships (transformers.js's files plus our manifest.json), with no network.

    npm run models:convert -- <folder> [--name N] [--dtype q8|fp32|both]
                              [--audio-context short] [--out models/<name>]
                              [--from safetensors|onnx] [--display-name TEXT]
                              [--languages multilingual|no,nn,en] [--source TEXT]
                              [--configs-from <folder>]

Inputs:
  (a) a Hugging Face folder: model.safetensors (or model-0000N-of-0000M.safetensors
      with model.safetensors.index.json), config.json, generation_config.json,
      tokenizer.json, tokenizer_config.json (preprocessor_config.json is written
      from config.json when missing). OpenAI Whisper, NbAiLab's NB-Whisper,
      FUTO's acft-whisper-*. The weights go into test_model_network.py's
      Whisper network (whose math is Whisper's: see weight_names) and are
      exported with test_model_export.py, so the decoder has the cache branch
      and cross_attentions outputs (word timestamps).
  (b) an Optimum export as NbAiLab publishes it: onnx/encoder_model.onnx,
      onnx/decoder_model.onnx and onnx/decoder_with_past_model.onnx (fp32, not
      merged), configs beside onnx/. The decoders are merged
      (merge_decoders.py); the encoder's positional embedding is sliced to the
      input by graph surgery so it takes fewer than 3000 feature frames.
When a folder has both, the safetensors are used (`--from onnx` to choose).

Output (models/<name>/ by default): onnx/encoder_model*.onnx and
onnx/decoder_model_merged*.onnx (fp32, `_quantized` uint8 q8, or both), the
JSON files transformers.js reads, and manifest.json (kind "real", sha256 of
every file, "audioContext": "short" with --audio-context short). The manifest's
dtype is q8 when q8 files are written. A model whose fp32 graphs exceed ONNX's
2 GB limit for one file (Whisper large) is made with external data in the
scratch folder and written as q8 only (the extension does not load external data).

It prints each step, and the largest absolute difference, at 3000 feature
frames, between its dynamic-length encoder and the standard fixed-length export
((a): the same weights exported with the whole 1500-position embedding; (b):
NbAiLab's own encoder), run in onnxruntime-node by compare-encoders.mjs (python
onnxruntime is not available here). The last line is `CONVERTED {json}` for
scripts and tests.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep scripts/models/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from merge_decoders import ONNX_FILE_LIMIT, bool_input, merge_decoders, save_onnx, tensor_bytes  # noqa: E402
from quantize_dynamic import quantize_model  # noqa: E402
from test_model_export import OPSET, Shape, export_decoder, export_encoder, manifest, write_json  # noqa: E402
from test_model_network import Decoder, Encoder  # noqa: E402

REPOSITORY = os.path.dirname(os.path.dirname(HERE))
JSON_FILES = ('config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json',
              'tokenizer_config.json')
REQUIRED_JSON = ('config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json')
ONNX_FILES = ('encoder_model.onnx', 'decoder_model.onnx', 'decoder_with_past_model.onnx')


class ConversionError(Exception):
    """A folder the converter refuses; the message names what is missing or wrong."""


started = time.monotonic()


def step(message):
    print('[%6.1f s] %s' % (time.monotonic() - started, message), flush=True)


# ---------------------------------------------------------------- the input folder

def find_input(folder, prefer):
    """Returns (kind, weights, config folder): kind 'safetensors' or 'onnx'."""
    if not os.path.isdir(folder):
        raise ConversionError('%s is not a folder' % folder)
    names = set(os.listdir(folder))
    safetensors = None
    if 'model.safetensors' in names:
        safetensors = [os.path.join(folder, 'model.safetensors')]
    elif 'model.safetensors.index.json' in names:
        with open(os.path.join(folder, 'model.safetensors.index.json'), encoding='utf-8') as handle:
            shards = sorted(set(json.load(handle)['weight_map'].values()))
        missing = [shard for shard in shards if shard not in names]
        if missing:
            raise ConversionError('%s: model.safetensors.index.json lists shards that are missing: %s'
                                  % (folder, ', '.join(missing)))
        safetensors = [os.path.join(folder, shard) for shard in shards]
    elif any(re.fullmatch(r'model-\d+-of-\d+\.safetensors', name) for name in names):
        raise ConversionError('%s: sharded safetensors without model.safetensors.index.json' % folder)

    onnx_folder = None
    for candidate in (os.path.join(folder, 'onnx'), folder):
        if os.path.isdir(candidate) and all(os.path.isfile(os.path.join(candidate, name)) for name in ONNX_FILES):
            onnx_folder = candidate
            break
    config_folder = folder
    if not os.path.isfile(os.path.join(folder, 'config.json')) and os.path.basename(os.path.normpath(folder)) == 'onnx':
        config_folder = os.path.dirname(os.path.normpath(folder))

    if prefer == 'onnx' and onnx_folder is None:
        raise ConversionError('%s: --from onnx, but there is no onnx/ folder with %s' % (folder, ', '.join(ONNX_FILES)))
    if safetensors and prefer != 'onnx':
        return 'safetensors', safetensors, config_folder
    if onnx_folder:
        return 'onnx', onnx_folder, config_folder
    if prefer == 'safetensors':
        raise ConversionError('%s: --from safetensors, but there is no model.safetensors' % folder)
    found = ''
    if 'pytorch_model.bin' in names:
        found = (' (pytorch_model.bin is not read: a pickle file can run code when loaded; '
                 'download the repository\'s model.safetensors instead)')
    raise ConversionError(
        '%s has no weights: neither model.safetensors (or model-0000N-of-0000M.safetensors with '
        'model.safetensors.index.json) nor onnx/ with %s%s' % (folder, ', '.join(ONNX_FILES), found))


def read_configs(config_folder, configs_from=None):
    """The JSON files, from the checkpoint's folder or else (not config.json) from `configs_from`:
    FUTO's acft-whisper repositories ship weights and config.json without the tokenizer files."""
    def locate(name):
        for folder in (config_folder, configs_from if name != 'config.json' else None):
            if folder and os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
        return None

    missing = [name for name in REQUIRED_JSON if locate(name) is None]
    if missing:
        raise ConversionError('%s lacks %s (the tokenizer and configs transformers.js reads); download them '
                              'from the same repository, or pass --configs-from <folder> with those of the Whisper '
                              'it was fine-tuned from' % (config_folder, ', '.join(missing)))
    configs = {}
    for name in JSON_FILES:
        path = locate(name)
        if path:
            if os.path.dirname(path) != config_folder:
                step('%s taken from %s' % (name, os.path.dirname(path)))
            with open(path, encoding='utf-8') as handle:
                configs[name] = json.load(handle)
    config = configs['config.json']
    architectures = config.get('architectures') or ['WhisperForConditionalGeneration']
    if config.get('model_type') != 'whisper' or not any(a in ('WhisperForConditionalGeneration', 'WhisperModel')
                                                        for a in architectures):
        raise ConversionError('unknown architecture: config.json says model_type %r, architectures %r; only Whisper '
                              '(model_type "whisper", WhisperForConditionalGeneration) is converted'
                              % (config.get('model_type'), architectures))
    if config.get('scale_embedding'):
        raise ConversionError('unknown architecture: config.json sets scale_embedding, which Whisper does not')
    if config.get('activation_function', 'gelu') != 'gelu':
        raise ConversionError('unknown architecture: activation_function %r (Whisper uses exact "gelu")'
                              % config.get('activation_function'))
    for key in ('d_model', 'encoder_layers', 'decoder_layers', 'encoder_attention_heads', 'decoder_attention_heads',
                'encoder_ffn_dim', 'decoder_ffn_dim', 'num_mel_bins', 'max_source_positions',
                'max_target_positions', 'vocab_size'):
        if not isinstance(config.get(key), int):
            raise ConversionError('config.json lacks %s, which a Whisper config has' % key)
    if 'preprocessor_config.json' not in configs:
        configs['preprocessor_config.json'] = default_preprocessor_config(config['num_mel_bins'])
        step('preprocessor_config.json missing: writing Whisper\'s (%d mel bins)' % config['num_mel_bins'])
    return configs


def default_preprocessor_config(mel_bins):
    return {
        'chunk_length': 30, 'feature_extractor_type': 'WhisperFeatureExtractor', 'feature_size': mel_bins,
        'hop_length': 160, 'n_fft': 400, 'n_samples': 480000, 'nb_max_frames': 3000, 'padding_side': 'right',
        'padding_value': 0.0, 'processor_class': 'WhisperProcessor', 'return_attention_mask': False,
        'sampling_rate': 16000,
    }


def network_shape(config):
    return Shape(config['d_model'], config['decoder_attention_heads'], config['decoder_layers'],
                 config['num_mel_bins'], config['max_source_positions'])


# ---------------------------------------------------------------- (a) safetensors

def read_safetensors(path):
    """Read by hand because Debian has no python safetensors package (and PyPI is not
    reachable here). The format is simple: an 8-byte little-endian header length, a
    JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensors."""
    with open(path, 'rb') as handle:
        header_length = int.from_bytes(handle.read(8), 'little')
        header = json.loads(handle.read(header_length))
    data = numpy.memmap(path, dtype=numpy.uint8, mode='r', offset=8 + header_length)
    tensors = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        start, end = info['data_offsets']
        raw = data[start:end]
        kind = info['dtype']
        if kind == 'F32':
            values = numpy.array(raw.view('<f4'), dtype=numpy.float32)
        elif kind == 'F16':
            values = raw.view('<f2').astype(numpy.float32)
        elif kind == 'BF16':
            # bfloat16 is the top half of a float32; numpy has no bfloat16 type.
            values = (raw.view('<u2').astype(numpy.uint32) << 16).view(numpy.float32)
        elif kind == 'F64':
            values = raw.view('<f8').astype(numpy.float32)
        else:
            raise ConversionError('%s: tensor %s has dtype %s; only F32, F16, BF16 (and F64) are read'
                                  % (os.path.basename(path), name, kind))
        tensors[name] = values.reshape(info['shape'])
    return tensors


def weight_names(config):
    """Hugging Face Whisper parameter names (without the `model.` prefix) -> (part, network name).

    The network (test_model_network.py) is Whisper's: k_proj without bias, the
    query scaled by 1/sqrt(head size), LayerNorm eps 1e-5, exact GELU, pre-norm
    blocks, final layer norms on both sides, a causal mask on decoder
    self-attention, sinusoidal encoder positions (loaded from the checkpoint),
    learnt decoder positions, and proj_out tied to embed_tokens unless the
    checkpoint stores its own proj_out.weight."""
    names = {}
    for part, prefix in (('encoder', 'encoder.'), ('decoder', 'decoder.')):
        layers = config['%s_layers' % part]
        for layer in range(layers):
            source = '%slayers.%d.' % (prefix, layer)
            target = 'layers.%d.' % layer
            attention = [('self_attn', 'attention' if part == 'encoder' else 'self_attention')]
            if part == 'decoder':
                attention.append(('encoder_attn', 'cross_attention'))
            for hf, ours in attention:
                for projection, name in (('q_proj', 'query'), ('k_proj', 'key'), ('v_proj', 'value'),
                                         ('out_proj', 'out')):
                    for parameter in ('weight', 'bias'):
                        if projection == 'k_proj' and parameter == 'bias':
                            continue
                        names['%s%s.%s.%s' % (source, hf, projection, parameter)] = (
                            part, '%s%s.%s.%s' % (target, ours, name, parameter))
                for parameter in ('weight', 'bias'):
                    names['%s%s_layer_norm.%s' % (source, hf, parameter)] = (
                        part, '%s%s_norm.%s' % (target, ours, parameter))
            for parameter in ('weight', 'bias'):
                names['%sfinal_layer_norm.%s' % (source, parameter)] = (
                    part, '%sfeed_forward_norm.%s' % (target, parameter))
                names['%sfc1.%s' % (source, parameter)] = (part, '%sfeed_forward.0.%s' % (target, parameter))
                names['%sfc2.%s' % (source, parameter)] = (part, '%sfeed_forward.2.%s' % (target, parameter))
        for parameter in ('weight', 'bias'):
            names['%slayer_norm.%s' % (prefix, parameter)] = (part, 'norm.%s' % parameter)
    for parameter in ('weight', 'bias'):
        names['encoder.conv1.%s' % parameter] = ('encoder', 'conv1.%s' % parameter)
        names['encoder.conv2.%s' % parameter] = ('encoder', 'conv2.%s' % parameter)
    names['encoder.embed_positions.weight'] = ('encoder', 'positions')
    names['decoder.embed_tokens.weight'] = ('decoder', 'embed_tokens.weight')
    names['decoder.embed_positions.weight'] = ('decoder', 'embed_positions.weight')
    names['proj_out.weight'] = ('decoder', 'output.weight')
    # Not in Hugging Face's Whisper: the project's test model (write-test-checkpoint.py)
    # has an output bias and position terms so random weights stop decoding.
    names['proj_out.bias'] = ('decoder', 'output.bias')
    names['intervju.position_slope'] = ('decoder', 'position_slope')
    names['intervju.position_curve'] = ('decoder', 'position_curve')
    return names


def load_network(paths, config):
    tensors = {}
    for path in paths:
        step('reading %s' % os.path.basename(path))
        for name, values in read_safetensors(path).items():
            tensors[name[len('model.'):] if name.startswith('model.') else name] = values
    encoder = Encoder(config['num_mel_bins'], config['d_model'], config['encoder_attention_heads'],
                      config['encoder_ffn_dim'], config['encoder_layers'], config['max_source_positions']).eval()
    decoder = Decoder(tensors['decoder.embed_tokens.weight'].shape[0] if 'decoder.embed_tokens.weight' in tensors
                      else config['vocab_size'], config['d_model'], config['decoder_attention_heads'],
                      config['decoder_ffn_dim'], config['decoder_layers'], config['max_target_positions']).eval()
    names = weight_names(config)
    unknown = sorted(name for name in tensors if name not in names)
    if unknown:
        raise ConversionError('unknown architecture: the weights hold tensors Whisper does not have: %s%s'
                              % (', '.join(unknown[:5]), ' …' if len(unknown) > 5 else ''))
    if 'proj_out.weight' not in tensors and 'decoder.embed_tokens.weight' in tensors:
        tensors['proj_out.weight'] = tensors['decoder.embed_tokens.weight']  # tied, as in Whisper
    optional = {'proj_out.bias', 'intervju.position_slope', 'intervju.position_curve'}
    if 'encoder.embed_positions.weight' not in tensors:
        # Some exports leave out the fixed sinusoids; the network computes Whisper's own.
        step('no encoder.embed_positions.weight: using Whisper\'s sinusoidal positions')
        optional.add('encoder.embed_positions.weight')
    missing = sorted(name for name in names if name not in tensors and name not in optional)
    if missing:
        raise ConversionError('the weights lack %d tensors a Whisper of this config.json has: %s%s'
                              % (len(missing), ', '.join('model.' + name for name in missing[:5]),
                                 ' …' if len(missing) > 5 else ''))
    extras = sorted(name for name in optional if name in tensors)
    if extras:
        step('non-Whisper output terms present (project test checkpoint): %s' % ', '.join(extras))
    states = {'encoder': encoder.state_dict(), 'decoder': decoder.state_dict()}
    with torch.no_grad():
        decoder.output.bias.zero_()
        for name, values in tensors.items():
            part, target = names[name]
            destination = states[part][target]
            if tuple(destination.shape) != tuple(values.shape):
                raise ConversionError('tensor %s has shape %s; config.json implies %s'
                                      % (name, list(values.shape), list(destination.shape)))
            destination.copy_(torch.from_numpy(numpy.ascontiguousarray(values, dtype=numpy.float32)))
    return encoder, decoder


def fp32_decoder_bytes(config):
    """About how large the fp32 merged decoder is (its weights, stored once)."""
    width, vocab = config['d_model'], config['vocab_size']
    per_layer = 8 * width * width + 2 * width * config['decoder_ffn_dim']
    return 4 * (config['decoder_layers'] * per_layer + 2 * vocab * width + config['max_target_positions'] * width)


def check_size(config, dtype):
    """fp32 files over ONNX's 2 GB limit would need external data, which the extension's
    manifest and loader do not handle: such models (Whisper large) are written as q8 only."""
    if dtype in ('fp32', 'both') and fp32_decoder_bytes(config) > ONNX_FILE_LIMIT:
        raise ConversionError('the fp32 decoder would be about %.1f GB, over ONNX\'s 2 GB limit for one file, which '
                              'the extension does not load; convert with --dtype q8' % (fp32_decoder_bytes(config) / 1e9))


def only_file(folder):
    """The folder's one ONNX file, or ConversionError when it needed external data files beside it."""
    names = os.listdir(folder)
    if len(names) != 1:
        raise ConversionError('the fp32 model in %s is over ONNX\'s 2 GB limit for one file (external data), which '
                              'the extension does not load; convert with --dtype q8' % folder)
    return os.path.join(folder, names[0])


def convert_safetensors(paths, config, fp32_folder, scratch):
    encoder, decoder = load_network(paths, config)
    shape = network_shape(config)
    step('exporting the encoder (dynamic feature frames)')
    export_encoder(encoder, shape, os.path.join(fp32_folder, 'encoder', 'encoder_model.onnx'))
    step('exporting the standard fixed-length encoder to compare with')
    os.makedirs(os.path.join(scratch, 'fixed'))
    reference = os.path.join(scratch, 'fixed', 'encoder_fixed.onnx')
    fixed = Encoder(config['num_mel_bins'], config['d_model'], config['encoder_attention_heads'],
                    config['encoder_ffn_dim'], config['encoder_layers'], config['max_source_positions'],
                    slice_positions=False).eval()
    fixed.load_state_dict(encoder.state_dict())
    torch.onnx.export(fixed, (torch.zeros(1, shape.mel_bins, 2 * shape.source_positions),), reference,
                      input_names=['input_features'], output_names=['last_hidden_state'],
                      opset_version=OPSET, do_constant_folding=True)
    del fixed, encoder
    step('exporting the decoder (no-cache and cached branches merged, cross_attentions outputs)')
    export_decoder(decoder, decoder.embed_tokens.num_embeddings, shape, scratch,
                   os.path.join(fp32_folder, 'decoder', 'decoder_model_merged.onnx'))
    return reference, True


# ---------------------------------------------------------------- (b) NbAiLab's onnx folder

def constant_value(graph, name):
    """The value of `name` if it is an initializer, a Constant's output, or a Gather of constants."""
    for initializer in graph.initializer:
        if initializer.name == name:
            return numpy_helper.to_array(initializer)
    for node in graph.node:
        if name in node.output:
            if node.op_type == 'Constant':
                return numpy_helper.to_array(node.attribute[0].t)
            if node.op_type == 'Gather':
                data, indices = constant_value(graph, node.input[0]), constant_value(graph, node.input[1])
                if data is not None and indices is not None:
                    axis = next((a.i for a in node.attribute if a.name == 'axis'), 0)
                    return numpy.take(data, indices, axis=axis)
            return None
    return None


def slice_encoder_positions(source, target, config):
    """Makes a fixed-length encoder take fewer than 3000 feature frames: the Add of the
    positional embedding (a [1500, d_model] constant) gets a Slice of it to the conv output's length."""
    model = onnx.load(source)
    graph = model.graph
    positions, width = config['max_source_positions'], config['d_model']
    found = []
    for index, node in enumerate(graph.node):
        if node.op_type != 'Add':
            continue
        for side in (0, 1):
            value = constant_value(graph, node.input[side])
            if value is not None and value.shape[-2:] == (positions, width) and numpy.prod(value.shape) == positions * width:
                found.append((index, node, side, value))
    if len(found) != 1:
        raise ConversionError('%s: expected one Add of a [%d, %d] positional embedding, found %d; not an encoder '
                              'this converter knows' % (source, positions, width, len(found)))
    index, node, side, value = found[0]
    other = node.input[1 - side]
    table = numpy_helper.from_array(value.reshape(positions, width).astype(numpy.float32), 'intervju_positions')
    graph.initializer.append(table)
    graph.initializer.extend([
        numpy_helper.from_array(numpy.array([1], dtype=numpy.int64), 'intervju_length_axis'),
        numpy_helper.from_array(numpy.array([0], dtype=numpy.int64), 'intervju_zero'),
    ])
    new_nodes = [
        helper.make_node('Shape', [other], ['intervju_conv_shape'], name='intervju_conv_shape'),
        helper.make_node('Gather', ['intervju_conv_shape', 'intervju_length_axis'], ['intervju_length'],
                         name='intervju_length', axis=0),
        helper.make_node('Slice', ['intervju_positions', 'intervju_zero', 'intervju_length', 'intervju_zero'],
                         ['intervju_sliced_positions'], name='intervju_sliced_positions'),
    ]
    node.input[side] = 'intervju_sliced_positions'
    for offset, new_node in enumerate(new_nodes):
        graph.node.insert(index + offset, new_node)
    # Shapes inferred for 3000 frames would contradict shorter inputs.
    del graph.value_info[:]
    frames = graph.input[0].type.tensor_type.shape.dim
    if len(frames) == 3:
        frames[2].ClearField('dim_value')
        frames[2].dim_param = 'feature_frames'
    hidden = graph.output[0].type.tensor_type.shape.dim
    if len(hidden) == 3:
        hidden[1].ClearField('dim_value')
        hidden[1].dim_param = 'encoder_sequence_length'
    # Drop initializers nothing reads any more (the original embedding, if it was one).
    used = {name for n in graph.node for name in n.input}
    kept = [tensor for tensor in graph.initializer if tensor.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if sum(len(tensor_bytes(tensor)) for tensor in graph.initializer) < ONNX_FILE_LIMIT:
        onnx.checker.check_model(model)
    save_onnx(model, target)


def merge_onnx_decoders(onnx_folder, config, target, scratch):
    """Merges Optimum's decoder_model.onnx and decoder_with_past_model.onnx; returns whether it has cross_attentions."""
    initial = onnx.load(os.path.join(onnx_folder, 'decoder_model.onnx'))
    cached = onnx.load(os.path.join(onnx_folder, 'decoder_with_past_model.onnx'))
    heads, layers = config['decoder_attention_heads'], config['decoder_layers']
    head_size = config['d_model'] // heads
    output_names = [output.name for output in initial.graph.output]
    cached_outputs = {output.name: output for output in cached.graph.output}
    extra = [name for name in cached_outputs if name not in output_names]
    if extra:
        raise ConversionError('decoder_with_past_model.onnx has outputs decoder_model.onnx lacks: %s' % ', '.join(extra))
    # Optimum's cached decoder does not output the encoder's keys and values (they do not
    # change within a window); the merged If needs the same outputs in both branches, so
    # they become empty tensors, which transformers.js replaces by the first step's.
    for name in output_names:
        if name not in cached_outputs:
            if '.encoder.' not in name:
                raise ConversionError('decoder_with_past_model.onnx lacks the output %s' % name)
            empty = helper.make_tensor(name + '_empty', TensorProto.FLOAT, [1, heads, 0, head_size], [])
            cached.graph.node.append(helper.make_node('Constant', [], [name], name=name + '_empty', value=empty))
            cached_outputs[name] = helper.make_tensor_value_info(name, TensorProto.FLOAT, None)
    ordered = [cached_outputs[name] for name in output_names]
    del cached.graph.output[:]
    cached.graph.output.extend(ordered)
    initial_path = os.path.join(scratch, 'initial', 'decoder_model.onnx')
    cached_path = os.path.join(scratch, 'cached', 'decoder_with_past_model.onnx')
    for model, path in ((initial, initial_path), (cached, cached_path)):
        os.makedirs(os.path.dirname(path))
        save_onnx(model, path)

    float_type = TensorProto.FLOAT
    inputs = [
        helper.make_tensor_value_info('input_ids', TensorProto.INT64, ['batch_size', 'decoder_sequence_length']),
        helper.make_tensor_value_info('encoder_hidden_states', float_type,
                                      ['batch_size', 'encoder_sequence_length', config['d_model']]),
    ]
    past_names = [i.name for i in cached.graph.input if i.name.startswith('past_key_values.')]
    if len(past_names) != 4 * layers:
        raise ConversionError('decoder_with_past_model.onnx has %d past_key_values inputs; config.json implies %d'
                              % (len(past_names), 4 * layers))
    for name in past_names:
        length = 'past_decoder_sequence_length' if '.decoder.' in name else 'encoder_sequence_length_out'
        inputs.append(helper.make_tensor_value_info(name, float_type, ['batch_size', heads, length, head_size]))
    inputs.append(bool_input('use_cache_branch'))
    outputs = []
    for output in initial.graph.output:
        if output.name == 'logits':
            dims = ['batch_size', 'decoder_sequence_length', config['vocab_size']]
        elif output.name.startswith('present.'):
            length = 'present_decoder_sequence_length' if '.decoder.' in output.name else 'encoder_sequence_length_out'
            dims = ['batch_size', heads, length, head_size]
        elif output.name.startswith('cross_attentions'):
            dims = ['batch_size', heads, 'decoder_sequence_length', 'encoder_sequence_length_out']
        else:
            dims = None
        outputs.append(helper.make_tensor_value_info(output.name, output.type.tensor_type.elem_type, dims))
    merged = merge_decoders(initial_path, cached_path, output_names, inputs, outputs)
    save_onnx(merged, target)
    return any(name.startswith('cross_attentions') for name in output_names)


def convert_onnx(onnx_folder, config, fp32_folder, scratch):
    step('slicing the encoder\'s positional embedding to the input length (graph surgery)')
    slice_encoder_positions(os.path.join(onnx_folder, 'encoder_model.onnx'),
                            os.path.join(fp32_folder, 'encoder', 'encoder_model.onnx'), config)
    step('merging decoder_model.onnx and decoder_with_past_model.onnx')
    cross = merge_onnx_decoders(onnx_folder, config, os.path.join(fp32_folder, 'decoder', 'decoder_model_merged.onnx'),
                                scratch)
    if not cross:
        step('WARNING: this decoder has no cross_attentions outputs, so no word timestamps; convert the '
             'repository\'s model.safetensors instead to get them')
    return os.path.join(onnx_folder, 'encoder_model.onnx'), cross


# ---------------------------------------------------------------- comparison, quantization, manifest

def compare_encoders(dynamic, fixed, mel_bins, short_frames):
    node = os.environ.get('NODE') or shutil.which('node')
    if not node:
        raise ConversionError('node is needed to run the encoders (onnxruntime-node) and was not found')
    result = subprocess.run([node, os.path.join(HERE, 'compare-encoders.mjs'), dynamic, fixed, str(mel_bins),
                             str(short_frames)], cwd=REPOSITORY, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConversionError('comparing the encoders failed:\n%s' % result.stderr.strip())
    return json.loads(result.stdout.strip().splitlines()[-1])


def model_name(arguments, folder):
    name = arguments.name or os.path.basename(os.path.normpath(folder))
    if name == 'onnx':
        name = os.path.basename(os.path.dirname(os.path.normpath(folder)))
    name = re.sub(r'[^A-Za-z0-9._-]+', '-', name).strip('-.').lower()
    if not name:
        raise ConversionError('cannot make a model name from %s; pass --name' % folder)
    return name


def languages_of(arguments, generation):
    if arguments.languages:
        return 'multilingual' if arguments.languages == 'multilingual' else arguments.languages.split(',')
    return 'multilingual' if generation.get('is_multilingual', True) else ['en']


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description='Converts a local Whisper checkpoint into models/<name>/.')
    parser.add_argument('folder')
    parser.add_argument('--name')
    parser.add_argument('--dtype', choices=('q8', 'fp32', 'both'), default='q8')
    parser.add_argument('--audio-context', choices=('short',),
                        help='short: the model was trained for a short audio context (FUTO\'s ACFT)')
    parser.add_argument('--out')
    parser.add_argument('--from', dest='prefer', choices=('safetensors', 'onnx'))
    parser.add_argument('--display-name')
    parser.add_argument('--languages', help='multilingual (default) or a comma list such as no,nn,en')
    parser.add_argument('--source', help='where the checkpoint came from, for the manifest')
    parser.add_argument('--configs-from', help='folder to take missing tokenizer/generation/preprocessor JSON from')
    return parser.parse_args(argv)


def from_caller(path):
    """A path as the caller typed it: npm runs scripts in the repository root and keeps the caller's folder in INIT_CWD."""
    return os.path.abspath(os.path.join(os.environ.get('INIT_CWD') or os.getcwd(), path))


def convert(arguments):
    folder = from_caller(arguments.folder)
    kind, weights, config_folder = find_input(folder, arguments.prefer)
    configs = read_configs(config_folder, from_caller(arguments.configs_from) if arguments.configs_from else None)
    config = configs['config.json']
    check_size(config, arguments.dtype)
    generation = configs['generation_config.json']
    name = model_name(arguments, folder)
    output = from_caller(arguments.out) if arguments.out else os.path.join(REPOSITORY, 'models', name)
    step('converting %s (%s) into %s: d_model %d, %d+%d layers, %d mel bins, dtype %s'
         % (folder, kind, output, config['d_model'], config['encoder_layers'], config['decoder_layers'],
            config['num_mel_bins'], arguments.dtype))
    torch.manual_seed(0)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix='.convert-') as scratch:
        staging = os.path.join(scratch, 'model')
        os.makedirs(os.path.join(staging, 'onnx'))
        # The fp32 files are made in folders of their own: above 2 GB they come with external data files.
        fp32_folder = os.path.join(scratch, 'fp32')
        os.makedirs(os.path.join(fp32_folder, 'encoder'))
        os.makedirs(os.path.join(fp32_folder, 'decoder'))
        if kind == 'safetensors':
            reference, cross = convert_safetensors(weights, config, fp32_folder, scratch)
        else:
            reference, cross = convert_onnx(weights, config, fp32_folder, scratch)
        step('running both encoders at 3000 feature frames in onnxruntime-node')
        short_frames = 1000
        comparison = compare_encoders(os.path.join(fp32_folder, 'encoder', 'encoder_model.onnx'), reference,
                                      config['num_mel_bins'], short_frames)
        step('encoder max abs difference at 3000 frames (dynamic vs standard fixed-length export): %.3g'
             % comparison['maxAbsDifference'])
        step('dynamic encoder at %d frames gives %s' % (short_frames, comparison['shortShape']))
        parts = (('encoder', 'encoder_model'), ('decoder', 'decoder_model_merged'))
        if arguments.dtype in ('fp32', 'both'):
            for part, stem in parts:
                shutil.copyfile(only_file(os.path.join(fp32_folder, part)), os.path.join(staging, 'onnx', stem + '.onnx'))
        if arguments.dtype in ('q8', 'both'):
            for part, stem in parts:
                step('quantizing %s to 8 bits (uint8 weights, dynamic activations)' % stem)
                count = quantize_model(os.path.join(fp32_folder, part, stem + '.onnx'),
                                       os.path.join(staging, 'onnx', stem + '_quantized.onnx'), signed=False)
                step('  %d MatMul quantized' % count)
        dtype = 'fp32' if arguments.dtype == 'fp32' else 'q8'

        alignment = generation.get('alignment_heads')
        word_timestamps = bool(cross) and isinstance(alignment, list) and len(alignment) > 0
        if not alignment:
            step('WARNING: generation_config.json has no alignment_heads: no word timestamps')
        step('writing configs, tokenizer and manifest')
        model_config = dict(config)
        model_config['transformers.js_config'] = dict(config.get('transformers.js_config') or {}, dtype=dtype)
        configs['config.json'] = model_config
        for file_name, value in configs.items():
            write_json(staging, file_name, value)
        display = arguments.display_name or '%s (converted, %s)' % (config.get('_name_or_path') or name, dtype)
        source = arguments.source or '%s (%s)' % (os.path.basename(folder), kind)
        record = manifest(staging, name, display, '%s, converted by scripts/models/convert-checkpoint.py' % source,
                          kind='real')
        record.update({'languages': languages_of(arguments, generation), 'dtype': dtype,
                       'wordTimestamps': word_timestamps})
        if arguments.audio_context:
            record['audioContext'] = arguments.audio_context
        write_json(staging, 'manifest.json', record)
        if os.path.exists(output):
            shutil.rmtree(output)
        os.rename(staging, output)
    step('wrote %s: %s, %.1f MB, word timestamps %s' % (output, ', '.join(f['path'] for f in record['files']),
                                                        record['sizeBytes'] / 1e6, 'yes' if word_timestamps else 'no'))
    return {'output': output, 'name': name, 'input': kind, 'dtype': dtype, 'wordTimestamps': word_timestamps,
            'encoderMaxAbsDifference': comparison['maxAbsDifference'], 'shortShape': comparison['shortShape']}


def main(argv):
    arguments = parse_arguments(argv)
    try:
        result = convert(arguments)
    except ConversionError as error:
        print('Cannot convert: %s' % error, file=sys.stderr)
        return 2
    print('CONVERTED %s' % json.dumps(result))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
