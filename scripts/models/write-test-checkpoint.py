#!/usr/bin/python3
"""Writes the test model's weights (make-test-model.py's network, same seed) as
the checkpoints convert-checkpoint.py reads, for its test:

    /usr/bin/python3 scripts/models/write-test-checkpoint.py safetensors <folder>
    /usr/bin/python3 scripts/models/write-test-checkpoint.py onnx <folder>

safetensors: a Hugging Face folder with the weights under Hugging Face
Whisper's names, in two shards with model.safetensors.index.json; the layer
norms (exactly 1 and 0) are stored as F16 in the encoder and BF16 in the
decoder, so every reader path is used without changing a value. The test
model's output layer is not tied to the token embedding and has a bias and
position terms (see make-test-model.py); they are written as proj_out.weight,
proj_out.bias, intervju.position_slope and intervju.position_curve.

onnx: an Optimum-style export as NbAiLab publishes it: onnx/encoder_model.onnx
fixed to 3000 feature frames (the whole positional embedding added),
onnx/decoder_model.onnx and onnx/decoder_with_past_model.onnx (not merged; the
cached decoder outputs only the decoder's keys and values), with
cross_attentions outputs.

Both get the test model's config.json, generation_config.json,
preprocessor_config.json, tokenizer.json and tokenizer_config.json.
"""

import importlib.util
import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy  # noqa: E402
import torch  # noqa: E402

from test_model_configs import generation_config, model_config, preprocessor_config, tokenizer_config  # noqa: E402
from test_model_export import OPSET, cache_names, write_json  # noqa: E402
from test_model_network import Decoder, DecoderCachedStep, DecoderInitialStep, Encoder  # noqa: E402
from test_model_tokenizer import build_tokenizer  # noqa: E402


def load_maker():
    spec = importlib.util.spec_from_file_location('make_test_model', os.path.join(HERE, 'make-test-model.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_network(maker):
    """The network make-test-model.py builds, in the same order from the same seed."""
    torch.manual_seed(maker.SEED)
    torch.use_deterministic_algorithms(True)
    tokenizer_json, ids = build_tokenizer()
    encoder = Encoder(maker.MEL_BINS, maker.WIDTH, maker.HEADS, maker.FEED_FORWARD, maker.LAYERS,
                      maker.SOURCE_POSITIONS).eval()
    decoder = Decoder(ids['vocab_size'], maker.WIDTH, maker.HEADS, maker.FEED_FORWARD, maker.LAYERS,
                      maker.TARGET_POSITIONS).eval()
    maker.sharpen_cross_attention(decoder)
    maker.shape_output_layer(decoder, ids)
    return tokenizer_json, ids, encoder, decoder


def write_configs(maker, folder, tokenizer_json, ids):
    shape = {
        'name': maker.NAME, 'width': maker.WIDTH, 'layers': maker.LAYERS, 'heads': maker.HEADS,
        'feed_forward': maker.FEED_FORWARD, 'mel_bins': maker.MEL_BINS,
        'source_positions': maker.SOURCE_POSITIONS, 'target_positions': maker.TARGET_POSITIONS,
    }
    write_json(folder, 'tokenizer.json', tokenizer_json)
    write_json(folder, 'tokenizer_config.json', tokenizer_config())
    write_json(folder, 'config.json', model_config(ids, shape))
    write_json(folder, 'generation_config.json', generation_config(ids, shape))
    write_json(folder, 'preprocessor_config.json', preprocessor_config(shape))


def hugging_face_tensors(encoder, decoder):
    """(name, tensor) in Hugging Face Whisper's naming."""
    tensors = [('model.encoder.conv1.weight', encoder.conv1.weight), ('model.encoder.conv1.bias', encoder.conv1.bias),
               ('model.encoder.conv2.weight', encoder.conv2.weight), ('model.encoder.conv2.bias', encoder.conv2.bias),
               ('model.encoder.embed_positions.weight', encoder.positions)]
    projections = (('q_proj', 'query'), ('k_proj', 'key'), ('v_proj', 'value'), ('out_proj', 'out'))

    def attention(prefix, module):
        for hf, ours in projections:
            linear = getattr(module, ours)
            tensors.append(('%s.%s.weight' % (prefix, hf), linear.weight))
            if linear.bias is not None:
                tensors.append(('%s.%s.bias' % (prefix, hf), linear.bias))

    def norm(prefix, module):
        tensors.extend([(prefix + '.weight', module.weight), (prefix + '.bias', module.bias)])

    def feed_forward(prefix, module):
        tensors.extend([(prefix + '.fc1.weight', module[0].weight), (prefix + '.fc1.bias', module[0].bias),
                        (prefix + '.fc2.weight', module[2].weight), (prefix + '.fc2.bias', module[2].bias)])

    for index, layer in enumerate(encoder.layers):
        prefix = 'model.encoder.layers.%d' % index
        attention(prefix + '.self_attn', layer.attention)
        norm(prefix + '.self_attn_layer_norm', layer.attention_norm)
        norm(prefix + '.final_layer_norm', layer.feed_forward_norm)
        feed_forward(prefix, layer.feed_forward)
    norm('model.encoder.layer_norm', encoder.norm)
    tensors.extend([('model.decoder.embed_tokens.weight', decoder.embed_tokens.weight),
                    ('model.decoder.embed_positions.weight', decoder.embed_positions.weight)])
    for index, layer in enumerate(decoder.layers):
        prefix = 'model.decoder.layers.%d' % index
        attention(prefix + '.self_attn', layer.self_attention)
        norm(prefix + '.self_attn_layer_norm', layer.self_attention_norm)
        attention(prefix + '.encoder_attn', layer.cross_attention)
        norm(prefix + '.encoder_attn_layer_norm', layer.cross_attention_norm)
        norm(prefix + '.final_layer_norm', layer.feed_forward_norm)
        feed_forward(prefix, layer.feed_forward)
    norm('model.decoder.layer_norm', decoder.norm)
    tensors.extend([('proj_out.weight', decoder.output.weight), ('proj_out.bias', decoder.output.bias),
                    ('intervju.position_slope', decoder.position_slope),
                    ('intervju.position_curve', decoder.position_curve)])
    return [(name, tensor.detach().numpy().astype(numpy.float32)) for name, tensor in tensors]


def storage_type(name, values):
    """F16 / BF16 for the layer norms, which hold exactly 1 and 0; F32 elsewhere."""
    if 'layer_norm' in name:
        if not numpy.all((values == 1.0) | (values == 0.0)):
            raise ValueError('%s is not all ones and zeros' % name)
        return 'F16' if '.encoder.' in name else 'BF16'
    return 'F32'


def write_safetensors(path, tensors):
    header, blobs, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    for name, values in tensors:
        kind = storage_type(name, values)
        if kind == 'F16':
            data = values.astype('<f2').tobytes()
        elif kind == 'BF16':
            data = (values.astype('<f4').view('<u4') >> 16).astype('<u2').tobytes()
        else:
            data = values.astype('<f4').tobytes()
        header[name] = {'dtype': kind, 'shape': list(values.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(',', ':')).encode('utf-8')
    encoded += b' ' * (-len(encoded) % 8)  # the format pads the header to 8 bytes
    with open(path, 'wb') as handle:
        handle.write(len(encoded).to_bytes(8, 'little'))
        handle.write(encoded)
        for data in blobs:
            handle.write(data)


def write_hugging_face(folder, encoder, decoder):
    tensors = hugging_face_tensors(encoder, decoder)
    shards = [[t for t in tensors if '.encoder.' in t[0]], [t for t in tensors if '.encoder.' not in t[0]]]
    weight_map = {}
    total = 0
    for index, shard in enumerate(shards):
        file_name = 'model-%05d-of-%05d.safetensors' % (index + 1, len(shards))
        write_safetensors(os.path.join(folder, file_name), shard)
        for name, values in shard:
            weight_map[name] = file_name
            total += values.nbytes
    write_json(folder, 'model.safetensors.index.json', {'metadata': {'total_size': total}, 'weight_map': weight_map})


class OptimumCachedStep(torch.nn.Module):
    """The cached decoder as Optimum exports it: the encoder's keys and values are inputs, not outputs."""

    def __init__(self, decoder):
        super().__init__()
        self.step = DecoderCachedStep(decoder)

    def forward(self, input_ids, encoder_hidden_states, *past_flat):
        outputs = self.step(input_ids, encoder_hidden_states, *past_flat)
        layers = len(past_flat) // 4
        presents = outputs[1:1 + 4 * layers]
        kept = [tensor for index, tensor in enumerate(presents) if index % 4 < 2]
        return (outputs[0], *kept, *outputs[1 + 4 * layers:])


def write_optimum(folder, maker, encoder, decoder):
    onnx_folder = os.path.join(folder, 'onnx')
    os.makedirs(onnx_folder)
    fixed = Encoder(maker.MEL_BINS, maker.WIDTH, maker.HEADS, maker.FEED_FORWARD, maker.LAYERS,
                    maker.SOURCE_POSITIONS, slice_positions=False).eval()
    fixed.load_state_dict(encoder.state_dict())
    # Optimum marks the frames axis dynamic although the graph only works at 3000.
    torch.onnx.export(fixed, (torch.zeros(1, maker.MEL_BINS, 2 * maker.SOURCE_POSITIONS),),
                      os.path.join(onnx_folder, 'encoder_model.onnx'),
                      input_names=['input_features'], output_names=['last_hidden_state'],
                      dynamic_axes={'input_features': {0: 'batch_size', 1: 'feature_size', 2: 'encoder_sequence_length'},
                                    'last_hidden_state': {0: 'batch_size'}},
                      opset_version=OPSET, do_constant_folding=True)
    layers, heads, head_size = maker.LAYERS, maker.HEADS, maker.HEAD_SIZE
    hidden = torch.randn(1, maker.SOURCE_POSITIONS, maker.WIDTH)
    cross = ['cross_attentions.%d' % i for i in range(layers)]
    presents = cache_names('present', layers)
    axes = {'input_ids': {0: 'batch_size', 1: 'decoder_sequence_length'},
            'encoder_hidden_states': {0: 'batch_size', 1: 'encoder_sequence_length'},
            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for name in cross:
        axes[name] = {0: 'batch_size', 2: 'decoder_sequence_length', 3: 'encoder_sequence_length'}
    initial_axes = dict(axes)
    for name in presents:
        initial_axes[name] = {0: 'batch_size', 2: 'decoder_sequence_length' if '.decoder.' in name
                              else 'encoder_sequence_length'}
    torch.onnx.export(DecoderInitialStep(decoder), (torch.tensor([[1, 2, 3, 4]]), hidden),
                      os.path.join(onnx_folder, 'decoder_model.onnx'),
                      input_names=['input_ids', 'encoder_hidden_states'], output_names=['logits'] + presents + cross,
                      dynamic_axes=initial_axes, opset_version=OPSET, do_constant_folding=True)
    past, cached_axes = [], dict(axes)
    for name in cache_names('past_key_values', layers):
        is_decoder = '.decoder.' in name
        past.append(torch.randn(1, heads, 4 if is_decoder else maker.SOURCE_POSITIONS, head_size))
        cached_axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length' if is_decoder
                             else 'encoder_sequence_length'}
    decoder_presents = [name for name in presents if '.decoder.' in name]
    for name in decoder_presents:
        cached_axes[name] = {0: 'batch_size', 2: 'past_decoder_sequence_length + 1'}
    torch.onnx.export(OptimumCachedStep(decoder), (torch.tensor([[5]]), hidden, *past),
                      os.path.join(onnx_folder, 'decoder_with_past_model.onnx'),
                      input_names=['input_ids', 'encoder_hidden_states'] + cache_names('past_key_values', layers),
                      output_names=['logits'] + decoder_presents + cross,
                      dynamic_axes=cached_axes, opset_version=OPSET, do_constant_folding=True)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('safetensors', 'onnx'):
        print(__doc__, file=sys.stderr)
        return 2
    form, folder = sys.argv[1], sys.argv[2]
    maker = load_maker()
    tokenizer_json, ids, encoder, decoder = build_network(maker)
    os.makedirs(folder, exist_ok=True)
    write_configs(maker, folder, tokenizer_json, ids)
    with torch.no_grad():
        if form == 'safetensors':
            write_hugging_face(folder, encoder, decoder)
        else:
            write_optimum(folder, maker, encoder, decoder)
    for name in sorted(os.listdir(folder)):
        print(name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
