"""Input (b) of convert-checkpoint.py: an Optimum export as NbAiLab publishes it
(onnx/encoder_model.onnx, decoder_model.onnx and decoder_with_past_model.onnx,
fp32, not merged). The encoder's positional embedding is sliced to the input by
graph surgery so it takes fewer than 3000 feature frames; the decoders are
merged (merge_decoders.py). NbAiLab's own encoder is the one compared with.
"""

import os

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper

from conversion import ConversionError, step
from merge_decoders import ONNX_FILE_LIMIT, bool_input, merge_decoders, save_onnx, tensor_bytes


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
