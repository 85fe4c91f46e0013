"""Input (a) of convert-checkpoint.py: a Hugging Face folder's model.safetensors
(or its shards), loaded into test_model_network.py's Whisper network and
exported with test_model_export.py, so the decoder has the cache branch and
cross_attentions outputs (word timestamps). The fp32 files go into
<fp32 folder>/encoder/ and <fp32 folder>/decoder/; a standard fixed-length
encoder is exported beside them to compare with.
"""

import json
import os

import numpy
import torch

from conversion import ConversionError, step
from test_model_export import OPSET, Shape, export_decoder, export_encoder
from test_model_network import Decoder, Encoder


def network_shape(config):
    return Shape(config['d_model'], config['decoder_attention_heads'], config['decoder_layers'],
                 config['num_mel_bins'], config['max_source_positions'])


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
